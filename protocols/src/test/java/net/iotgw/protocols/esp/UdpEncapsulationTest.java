package net.iotgw.protocols.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.esp.UdpEncapsulation.Datagram;
import net.iotgw.protocols.esp.UdpEncapsulation.Esp;
import net.iotgw.protocols.esp.UdpEncapsulation.Ike;
import net.iotgw.protocols.esp.UdpEncapsulation.Keepalive;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class UdpEncapsulationTest {

  private static DecodeError.Kind failure(byte[] payload) {
    return assertInstanceOf(Decoded.Failed.class, UdpEncapsulation.decode(payload)).error().kind();
  }

  @Test
  void nonZeroSpiIsEspAndIsNotCopiedRfc3948Section2_1() {
    byte[] payload = Hex.decode("c0ffee01 00000001 aabbccdd");
    Esp esp = assertInstanceOf(Esp.class, UdpEncapsulation.decode(payload).orThrow());
    assertSame(payload, esp.packet());
    assertEquals(0xc0ffee01, esp.spi());
  }

  @Test
  void nonEspMarkerIntroducesIkeRfc3948Section2_2() {
    byte[] ikeHeader = Hex.decode("0011223344556677 0000000000000000 2e202508 00000000 0000001c");
    byte[] payload = UdpEncapsulation.encodeIke(ikeHeader);
    assertEquals("00000000" + Hex.toHexString(ikeHeader), Hex.toHexString(payload));
    Ike ike = assertInstanceOf(Ike.class, UdpEncapsulation.decode(payload).orThrow());
    assertArrayEquals(ikeHeader, ike.message());
  }

  @Test
  void singleFfByteIsKeepaliveRfc3948Section2_3() {
    byte[] keepalive = UdpEncapsulation.keepalive();
    assertArrayEquals(new byte[] {(byte) 0xff}, keepalive);
    assertInstanceOf(Keepalive.class, UdpEncapsulation.decode(keepalive).orThrow());
  }

  @Test
  void refusesWhatIsNoneOfTheThree() {
    assertEquals(DecodeError.Kind.TRUNCATED, failure(new byte[0]));
    assertEquals(DecodeError.Kind.INVALID_SYNTAX, failure(new byte[] {0}));
    assertEquals(DecodeError.Kind.TRUNCATED, failure(new byte[] {(byte) 0xff, (byte) 0xff}));
    assertEquals(DecodeError.Kind.TRUNCATED, failure(new byte[3]));
    assertEquals(DecodeError.Kind.TRUNCATED, failure(new byte[4]), "marker, nothing after");
    assertEquals(DecodeError.Kind.TRUNCATED, failure(Hex.decode("0000000100")),
        "an SPI without a sequence number");
  }

  @Test
  void decodingNeverThrows() {
    Random random = new Random(3948);
    for (int i = 0; i < 10_000; i++) {
      byte[] junk = new byte[random.nextInt(12)];
      random.nextBytes(junk);
      if (random.nextBoolean() && junk.length >= 4) {
        junk[0] = junk[1] = junk[2] = junk[3] = 0;
      }
      Decoded<Datagram> d = UdpEncapsulation.decode(junk);
      if (d.isOk()) {
        Datagram datagram = d.orThrow();
        if (datagram instanceof Esp esp) {
          assertEquals(true, junk.length >= 8 && esp.spi() != 0);
        } else if (datagram instanceof Ike ike) {
          assertEquals(junk.length - 4, ike.message().length);
        } else {
          assertInstanceOf(Keepalive.class, datagram);
          assertEquals(1, junk.length);
        }
      }
    }
  }

  @Test
  void encodeEspPassesTheSamePacketAndRefusesSpiZero() {
    byte[] packet = Hex.decode("0000010000000001 cafedebaceface74");
    assertSame(packet, UdpEncapsulation.encodeEsp(packet));
    assertThrows(IllegalArgumentException.class,
        () -> UdpEncapsulation.encodeEsp(Hex.decode("0000000000000001")));
    assertThrows(IllegalArgumentException.class,
        () -> UdpEncapsulation.encodeEsp(Hex.decode("00000001")));
  }

  @Test
  void sealedEspPacketsClassifyAsEsp() {
    EspSa sa = EspPacketTest.sa(PacketProtection.AES_CCM_8_128, false);
    byte[] packet =
        EspPacket.seal(sa, 1, EspPayload.dummy(0), IvSource.sequenceNumber());
    Esp esp = assertInstanceOf(Esp.class,
        UdpEncapsulation.decode(UdpEncapsulation.encodeEsp(packet)).orThrow());
    assertEquals(sa.spi(), esp.spi());
  }
}
