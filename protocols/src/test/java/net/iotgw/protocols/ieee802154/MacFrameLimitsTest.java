package net.iotgw.protocols.ieee802154;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/** aMaxPHYPacketSize (802.15.4-2006 §6.4.1): 127 octets of PSDU, FCS included. */
class MacFrameLimitsTest {
  private static final Address.Short A = new Address.Short(1);
  private static final Address.Short B = new Address.Short(2);
  private static final Address.Extended X = new Address.Extended(0x0011223344556677L);
  private static final Address.Extended Y = new Address.Extended(0x8899aabbccddeeffL);

  @Test
  void maxPayloadLeavesRoomForHeaderMicAndFcs() {
    // RFC 4944 §5.1 counts the same way: 127 - 25 (header and FCS) = 102 for ext/ext 2003.
    assertEquals(
        116, MacFrameCodec.maxPayload(MacHeader.data(FrameVersion.IEEE_2006, 0, 1, A, B, true)));
    assertEquals(
        104, MacFrameCodec.maxPayload(MacHeader.data(FrameVersion.IEEE_2006, 0, 1, X, Y, true)));
    MacHeader secured =
        MacHeader.data(FrameVersion.IEEE_2006, 0, 1, X, Y, true)
            .withSecurity(AuxSecurityHeader.withKeyIndex(SecurityLevel.ENC_MIC_32, 1, 1));
    assertEquals(104 - 6 - 4, MacFrameCodec.maxPayload(secured));
    MacHeader strongest =
        MacHeader.data(FrameVersion.IEEE_2006, 0, 1, X, Y, true)
            .withSecurity(AuxSecurityHeader.implicitKey(SecurityLevel.ENC_MIC_128, 1));
    assertEquals(104 - 5 - 16, MacFrameCodec.maxPayload(strongest));
  }

  @Test
  void encodesExactly127OctetsAndRefuses128() {
    MacHeader h =
        MacHeader.data(FrameVersion.IEEE_2006, 0, 1, X, Y, true)
            .withSecurity(AuxSecurityHeader.withKeyIndex(SecurityLevel.ENC_MIC_32, 1, 1));
    int fits = MacFrameCodec.maxPayload(h) + h.micLength();
    byte[] psdu = assertDoesNotThrow(() -> MacFrameCodec.encode(new MacFrame(h, new byte[fits])));
    assertEquals(MacFrameCodec.MAX_PHY_PACKET_SIZE, psdu.length);
    assertThrows(
        IllegalArgumentException.class,
        () -> MacFrameCodec.encode(new MacFrame(h, new byte[fits + 1])));
  }

  @Test
  void decoderRefusesPsdusAboveTheLimitBeforeLookingAtThem() {
    MacHeader h = MacHeader.data(FrameVersion.IEEE_2006, 0, 1, A, B, false);
    byte[] max = MacFrameCodec.encode(new MacFrame(h, new byte[MacFrameCodec.maxPayload(h)]));
    MacFrameCodec.decode(max, true).orThrow();
    byte[] tooLong = new byte[128];
    DecodeError e =
        assertInstanceOf(Decoded.Failed.class, MacFrameCodec.decode(tooLong, true)).error();
    assertEquals(DecodeError.Kind.BAD_LENGTH, e.kind());
    // Without the FCS the MPDU may be at most 125 octets.
    byte[] mpdu = java.util.Arrays.copyOf(max, 126);
    assertEquals(
        DecodeError.Kind.BAD_LENGTH,
        assertInstanceOf(Decoded.Failed.class, MacFrameCodec.decode(mpdu, false)).error().kind());
  }

  @Test
  void securedFrameMustHoldItsMic() {
    MacHeader h =
        MacHeader.data(FrameVersion.IEEE_2006, 0, 1, A, B, false)
            .withSecurity(AuxSecurityHeader.implicitKey(SecurityLevel.MIC_128, 1));
    assertThrows(IllegalArgumentException.class, () -> new MacFrame(h, new byte[15]));
    byte[] psdu = MacFrameCodec.encode(new MacFrame(h, new byte[16]));
    byte[] shortMic = java.util.Arrays.copyOf(psdu, psdu.length - 3);
    assertEquals(
        DecodeError.Kind.TRUNCATED,
        assertInstanceOf(Decoded.Failed.class, MacFrameCodec.decode(shortMic, false))
            .error()
            .kind());
  }
}
