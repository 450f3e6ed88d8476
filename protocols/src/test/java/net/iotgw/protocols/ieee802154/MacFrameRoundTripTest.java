package net.iotgw.protocols.ieee802154;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every valid combination of addressing modes and PAN ID Compression, in 2006 and 2015, with and
 * without security, survives encode then decode, and takes the octets {@link MacHeader#length()}
 * says.
 */
class MacFrameRoundTripTest {
  private static final Address[] ADDRESSES = {
    Address.NONE, new Address.Short(0xbeef), new Address.Extended(0x0123456789abcdefL)
  };

  static List<MacHeader> everyHeader() {
    List<MacHeader> out = new ArrayList<>();
    List<Optional<AuxSecurityHeader>> securities =
        List.of(
            Optional.empty(),
            Optional.of(AuxSecurityHeader.withKeyIndex(SecurityLevel.ENC_MIC_32, 0x01020304L, 1)),
            Optional.of(
                new AuxSecurityHeader(
                    SecurityLevel.ENC_MIC_128,
                    KeyIdMode.SOURCE_8_INDEX,
                    OptionalLong.of(0xffffffffL),
                    0x8877665544332211L,
                    0xfe)),
            Optional.of(
                new AuxSecurityHeader(
                    SecurityLevel.MIC_64,
                    KeyIdMode.SOURCE_4_INDEX,
                    OptionalLong.of(0),
                    0xdeadbeefL,
                    3)));
    for (FrameVersion v : new FrameVersion[] {FrameVersion.IEEE_2006, FrameVersion.IEEE_2015}) {
      for (Address dst : ADDRESSES) {
        for (Address src : ADDRESSES) {
          for (boolean bit : new boolean[] {false, true}) {
            var presence = PanIdCompression.presence(v, dst.mode(), src.mode(), bit);
            if (presence.isEmpty()) {
              continue;
            }
            for (Optional<AuxSecurityHeader> sec : securities) {
              out.add(
                  header(v, dst, src, bit, presence.get(), sec, OptionalInt.of(0x5a), List.of()));
            }
            if (v == FrameVersion.IEEE_2015) {
              Optional<AuxSecurityHeader> suppressed =
                  Optional.of(
                      new AuxSecurityHeader(
                          SecurityLevel.ENC_MIC_64, KeyIdMode.INDEX, OptionalLong.empty(), 0, 9));
              out.add(
                  header(
                      v,
                      dst,
                      src,
                      bit,
                      presence.get(),
                      suppressed,
                      OptionalInt.empty(),
                      List.of(
                          new HeaderIe(0x1a, new byte[] {1, 2, 3, 4}), HeaderIe.termination1())));
            }
          }
        }
      }
    }
    return out;
  }

  private static MacHeader header(
      FrameVersion v,
      Address dst,
      Address src,
      boolean bit,
      PanIdCompression.Presence presence,
      Optional<AuxSecurityHeader> sec,
      OptionalInt seq,
      List<HeaderIe> ies) {
    FrameControl fc =
        new FrameControl(
            FrameType.DATA,
            sec.isPresent(),
            true,
            dst.mode() != AddressMode.NONE,
            bit,
            seq.isEmpty(),
            !ies.isEmpty(),
            dst.mode(),
            v,
            src.mode());
    return new MacHeader(
        fc,
        seq,
        presence.destinationPanId() ? OptionalInt.of(0xabcd) : OptionalInt.empty(),
        dst,
        presence.sourcePanId() ? OptionalInt.of(0x1234) : OptionalInt.empty(),
        src,
        sec,
        ies);
  }

  @Test
  void everyAddressingCombinationRoundTrips() {
    Random random = new Random(802154);
    List<MacHeader> headers = everyHeader();
    // 2006: 13 valid (mode, mode, bit) triples x 4 securities; 2015: 18 x (4 + 1 with IEs).
    assertEquals(13 * 4 + 18 * 5, headers.size(), "all valid combinations tried");
    for (MacHeader h : headers) {
      byte[] payload = new byte[random.nextInt(MacFrameCodec.maxPayload(h) + 1) + h.micLength()];
      random.nextBytes(payload);
      MacFrame frame = new MacFrame(h, payload);
      byte[] psdu = MacFrameCodec.encode(frame);
      assertEquals(h.length() + payload.length + Fcs.LENGTH, psdu.length, h.toString());
      assertEquals(h.length(), MacFrameCodec.encodeHeader(h).length);
      assertEquals(frame, MacFrameCodec.decode(psdu, true).orThrow(), h.toString());
    }
  }

  @Test
  void builderDerivesTheSameFrameControlAsTheTables() {
    for (MacHeader h : everyHeader()) {
      FrameControl fc = h.frameControl();
      MacHeader.Builder b =
          MacHeader.builder(fc.frameType(), fc.version())
              .framePending(fc.framePending())
              .ackRequest(fc.ackRequest())
              .headerIes(h.headerIes());
      h.sequenceNumber().ifPresent(b::sequenceNumber);
      h.security().ifPresent(b::security);
      if (h.destinationPanId().isPresent()) {
        b.destination(h.destinationPanId().getAsInt(), h.destination());
      } else {
        b.destination(h.destination());
      }
      if (h.sourcePanId().isPresent()) {
        b.source(h.sourcePanId().getAsInt(), h.source());
      } else {
        b.source(h.source());
      }
      assertEquals(h, b.build());
    }
  }
}
