package net.iotgw.radio.spinel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.radio.spinel.PropertyValue.Caps;
import net.iotgw.radio.spinel.PropertyValue.HardwareAddress;
import net.iotgw.radio.spinel.PropertyValue.InterfaceType;
import net.iotgw.radio.spinel.PropertyValue.LastStatus;
import net.iotgw.radio.spinel.PropertyValue.LongAddress;
import net.iotgw.radio.spinel.PropertyValue.NcpVersion;
import net.iotgw.radio.spinel.PropertyValue.Opaque;
import net.iotgw.radio.spinel.PropertyValue.PanId;
import net.iotgw.radio.spinel.PropertyValue.PhyChannel;
import net.iotgw.radio.spinel.PropertyValue.PhyEnabled;
import net.iotgw.radio.spinel.PropertyValue.PromiscuousMode;
import net.iotgw.radio.spinel.PropertyValue.ProtocolVersion;
import net.iotgw.radio.spinel.PropertyValue.RawReceive;
import net.iotgw.radio.spinel.PropertyValue.RawStreamEnabled;
import net.iotgw.radio.spinel.PropertyValue.RawTransmit;
import net.iotgw.radio.spinel.PropertyValue.RcpApiVersion;
import net.iotgw.radio.spinel.PropertyValue.RcpMinHostApiVersion;
import net.iotgw.radio.spinel.PropertyValue.RxSensitivity;
import net.iotgw.radio.spinel.PropertyValue.ShortAddress;
import net.iotgw.radio.spinel.PropertyValue.TxPower;
import org.junit.jupiter.api.Test;

/** Round trips of every message shape, and the total-decoder guarantee under hostile input. */
class SpinelCodecRobustnessTest {

  private static final SpinelCommand IS = SpinelCommand.PROP_VALUE_IS;
  private static final SpinelCommand SET = SpinelCommand.PROP_VALUE_SET;

  private static ReceivedFrame randomReceived(Random rnd) {
    byte[] psdu = new byte[rnd.nextInt(128)];
    rnd.nextBytes(psdu);
    return new ReceivedFrame(
        psdu,
        rnd.nextInt(256) - 128,
        rnd.nextInt(256) - 128,
        rnd.nextInt(0x10000),
        rnd.nextInt(256),
        rnd.nextInt(256),
        rnd.nextLong(),
        rnd.nextInt(PackedUint.MAX + 1),
        rnd.nextInt(256),
        rnd.nextLong() & 0xFFFF_FFFFL);
  }

  private static TransmitRequest randomTransmit(Random rnd) {
    byte[] psdu = new byte[rnd.nextInt(128)];
    rnd.nextBytes(psdu);
    return new TransmitRequest(
        psdu, rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), rnd.nextBoolean());
  }

  private static int randomPacked(Random rnd) {
    return switch (rnd.nextInt(3)) {
      case 0 -> rnd.nextInt(128);
      case 1 -> rnd.nextInt(1 << 14);
      default -> rnd.nextInt(PackedUint.MAX + 1);
    };
  }

  /** One frame of every message and value shape, with random contents. */
  static List<SpinelFrame> sampleFrames(Random rnd) {
    SpinelHeader h = new SpinelHeader(rnd.nextInt(4), rnd.nextInt(16));
    List<SpinelMessage> m = new ArrayList<>();
    m.add(new SpinelMessage.Noop());
    m.add(new SpinelMessage.Reset(OptionalInt.empty()));
    m.add(new SpinelMessage.Reset(OptionalInt.of(rnd.nextInt(256))));
    m.add(new SpinelMessage.PropGet(randomPacked(rnd)));
    byte[] junk = new byte[rnd.nextInt(20)];
    rnd.nextBytes(junk);
    m.add(new SpinelMessage.Unknown(9 + rnd.nextInt(PackedUint.MAX - 9), junk));
    List<PropertyValue> isValues =
        List.of(
            new LastStatus(randomPacked(rnd), Optional.empty()),
            new LastStatus(
                0,
                Optional.of(
                    new TransmitDetails(
                        rnd.nextBoolean(), rnd.nextBoolean(), Optional.of(randomReceived(rnd))))),
            new LastStatus(
                17, Optional.of(new TransmitDetails(rnd.nextBoolean(), false, Optional.empty()))),
            new ProtocolVersion(randomPacked(rnd), randomPacked(rnd)),
            new NcpVersion("OPENTHREAD/" + rnd.nextInt(1000) + "; \u00e9t\u00e9"),
            new InterfaceType(randomPacked(rnd)),
            new Caps(List.of(randomPacked(rnd), randomPacked(rnd), 34)),
            new Caps(List.of()),
            new HardwareAddress(rnd.nextLong()),
            new PhyEnabled(rnd.nextBoolean()),
            new PhyChannel(rnd.nextInt(256)),
            new TxPower(rnd.nextInt(256) - 128),
            new RxSensitivity(rnd.nextInt(256) - 128),
            new LongAddress(rnd.nextLong()),
            new ShortAddress(rnd.nextInt(0x10000)),
            new PanId(rnd.nextInt(0x10000)),
            new RawStreamEnabled(rnd.nextBoolean()),
            new PromiscuousMode(rnd.nextInt(256)),
            new RcpApiVersion(randomPacked(rnd)),
            new RcpMinHostApiVersion(randomPacked(rnd)),
            new RawReceive(randomReceived(rnd)),
            new Opaque(0x70, junk));
    for (PropertyValue v : isValues) {
      m.add(new SpinelMessage.PropValue(IS, v));
      if (!(v instanceof RawReceive)) {
        m.add(new SpinelMessage.PropValue(SET, v));
      }
    }
    m.add(new SpinelMessage.PropValue(SET, new RawTransmit(randomTransmit(rnd))));
    m.add(
        new SpinelMessage.PropValue(
            SpinelCommand.PROP_VALUE_INSERT, new Opaque(SpinelProperty.CAPS.id(), junk)));
    m.add(
        new SpinelMessage.PropValue(
            SpinelCommand.PROP_VALUE_REMOVED, new Opaque(randomPacked(rnd), junk)));
    List<SpinelFrame> frames = new ArrayList<>();
    for (SpinelMessage msg : m) {
      frames.add(new SpinelFrame(h, msg));
    }
    return frames;
  }

  @Test
  void everyMessageShapeRoundTrips() {
    Random rnd = new Random(0x5917E1);
    for (int round = 0; round < 200; round++) {
      for (SpinelFrame f : sampleFrames(rnd)) {
        byte[] bytes = SpinelCodec.encode(f);
        assertEquals(f, SpinelCodec.decode(bytes).orThrow(), f.toString());
      }
    }
  }

  /** Every prefix of every frame decodes to a value or a typed error, never an exception. */
  @Test
  void truncationAtEveryOffsetNeverThrows() {
    Random rnd = new Random(7);
    int failures = 0;
    for (SpinelFrame f : sampleFrames(rnd)) {
      byte[] bytes = SpinelCodec.encode(f);
      for (int cut = 0; cut < bytes.length; cut++) {
        Decoded<SpinelFrame> d = SpinelCodec.decode(Arrays.copyOf(bytes, cut));
        if (d instanceof Decoded.Failed<SpinelFrame> failed) {
          failures++;
          DecodeError.Kind kind = failed.error().kind();
          assertTrue(
              kind == DecodeError.Kind.TRUNCATED || kind == DecodeError.Kind.INVALID_SYNTAX,
              "cut " + cut + " of " + f + ": " + failed.error());
        }
      }
    }
    assertTrue(failures > 0);
  }

  /**
   * Random byte mutations: the decoder returns, and whatever it accepts is stable: its encoding
   * decodes to the same value (no input produces a value the encoder cannot reproduce).
   */
  @Test
  void randomMutationNeverThrowsAndAcceptedFramesAreStable() {
    Random rnd = new Random(42);
    List<byte[]> seeds = new ArrayList<>();
    for (SpinelFrame f : sampleFrames(rnd)) {
      seeds.add(SpinelCodec.encode(f));
    }
    int accepted = 0;
    for (int i = 0; i < 50_000; i++) {
      byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
      int edits = 1 + rnd.nextInt(4);
      for (int e = 0; e < edits && b.length > 0; e++) {
        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
      }
      if (rnd.nextInt(4) == 0) {
        b = Arrays.copyOf(b, rnd.nextInt(b.length + 8));
      }
      Decoded<SpinelFrame> d = SpinelCodec.decode(b);
      if (d instanceof Decoded.Ok<SpinelFrame> ok) {
        accepted++;
        SpinelFrame again = SpinelCodec.decode(SpinelCodec.encode(ok.value())).orThrow();
        assertEquals(ok.value(), again);
      }
    }
    assertTrue(accepted > 1000, "mutations should not all be rejected: " + accepted);
  }

  @Test
  void randomBytesNeverThrow() {
    Random rnd = new Random(99);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[rnd.nextInt(64)];
      rnd.nextBytes(b);
      if (b.length > 0 && rnd.nextBoolean()) {
        b[0] = (byte) (0x80 | (b[0] & 0x3F));
      }
      SpinelCodec.decode(b);
    }
  }
}
