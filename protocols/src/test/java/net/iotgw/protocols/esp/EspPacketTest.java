package net.iotgw.protocols.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.esp.EspOpenResult.Accepted;
import net.iotgw.protocols.esp.EspOpenResult.Dropped;
import net.iotgw.protocols.esp.EspOpenResult.Reason;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.EsnMode;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EspPacketTest {
  private static final int SPI = 0xc0ffee01;
  private static final SecureRandom RANDOM = new SecureRandom();

  static List<PacketProtection> transforms() {
    return List.of(
        PacketProtection.AES_GCM_16_128,
        PacketProtection.AES_GCM_16_256,
        PacketProtection.of(EncryptionAlgorithm.ENCR_AES_GCM_8, 128, IntegrityAlgorithm.NONE)
            .orElseThrow(),
        PacketProtection.AES_CCM_8_128,
        PacketProtection.of(EncryptionAlgorithm.ENCR_AES_CCM_16, 256, IntegrityAlgorithm.NONE)
            .orElseThrow(),
        PacketProtection.CHACHA20_POLY1305,
        PacketProtection.AES_CBC_128_HMAC_SHA2_256,
        PacketProtection.AES_CBC_256_HMAC_SHA2_384,
        PacketProtection.AES_CBC_256_HMAC_SHA2_512);
  }

  static EspSa sa(PacketProtection transform, boolean esn) {
    byte[] keymat = new byte[transform.keyingMaterialLength()];
    for (int i = 0; i < keymat.length; i++) {
      keymat[i] = (byte) (i * 7 + 1);
    }
    return EspSa.create(SPI, transform, keymat, esn ? EsnMode.ESN : EsnMode.NO_ESN);
  }

  static IvSource ivFor(PacketProtection transform) {
    return transform.isAead() ? IvSource.sequenceNumber() : IvSource.random(RANDOM);
  }

  static byte[] ipv6Packet(int length) {
    byte[] p = new byte[length];
    p[0] = 0x60;
    for (int i = 1; i < length; i++) {
      p[i] = (byte) i;
    }
    return p;
  }

  static Stream<Arguments> everyTransformSequenceSpaceAndMode() {
    List<Arguments> all = new ArrayList<>();
    for (PacketProtection t : transforms()) {
      for (boolean esn : new boolean[] {false, true}) {
        all.add(Arguments.of(t, esn, EspPayload.tunnel(ipv6Packet(60))));
        all.add(Arguments.of(t, esn, EspPayload.transport(NextHeader.UDP, new byte[] {1, 2, 3})));
        all.add(Arguments.of(t, esn, EspPayload.transport(NextHeader.ICMPV6, new byte[0])));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} esn={1} {2}")
  @MethodSource("everyTransformSequenceSpaceAndMode")
  void roundTripsPayloadNextHeaderAndSequenceNumber(
      PacketProtection transform, boolean esn, EspPayload payload) {
    EspSa sa = sa(transform, esn);
    long seq = esn ? 0x0000_0003_0000_0007L : 7;
    byte[] packet = EspPacket.seal(sa, seq, payload, ivFor(transform));

    assertEquals(EspPacket.packetLength(transform, payload.data().length), packet.length);
    assertEquals((EspPacket.packetLength(transform, payload.data().length) - 8 - transform.ivLength()
        - transform.icvLength()) % EspPacket.paddingAlignment(transform), 0);
    assertEquals(SPI, (int) EspHeader.u32(packet, 0));
    assertEquals(7, EspHeader.u32(packet, 4), "only the low 32 bits are sent");

    ReplayWindow window = new ReplayWindow();
    window.markAuthenticated(seq - 1);
    Accepted accepted = assertInstanceOf(Accepted.class, EspPacket.open(sa, window, packet));
    assertEquals(seq, accepted.sequenceNumber());
    assertEquals(payload, accepted.payload());
    assertEquals(payload.mode(), accepted.payload().mode());
    assertEquals(seq, window.highestAuthenticated());
  }

  @ParameterizedTest(name = "{0} esn={1} {2}")
  @MethodSource("everyTransformSequenceSpaceAndMode")
  void everySingleBitFlipIsDroppedAndLeavesTheWindowAlone(
      PacketProtection transform, boolean esn, EspPayload payload) {
    EspSa sa = sa(transform, esn);
    byte[] packet = EspPacket.seal(sa, 1, payload, ivFor(transform));
    ReplayWindow window = new ReplayWindow();
    for (int i = 0; i < packet.length; i++) {
      for (int bit = 0; bit < 8; bit += 3) {
        byte[] bad = packet.clone();
        bad[i] ^= (byte) (1 << bit);
        Dropped dropped = assertInstanceOf(Dropped.class, EspPacket.open(sa, window, bad));
        Reason expected = i < 4 ? Reason.SPI_MISMATCH : Reason.ICV_FAILED;
        if (i >= 4 && i < 8) {
          long low = EspHeader.u32(bad, 4);
          long seq = esn ? window.inferSequenceNumber(low) : low;
          expected = window.shouldDiscard(seq) ? Reason.REPLAYED : Reason.ICV_FAILED;
        }
        assertEquals(expected, dropped.reason(), "byte " + i + " bit " + bit);
      }
    }
    assertEquals(0, window.highestAuthenticated());
    assertTrue(EspPacket.open(sa, window, packet).isAccepted());
  }

  @ParameterizedTest(name = "{0} esn={1} {2}")
  @MethodSource("everyTransformSequenceSpaceAndMode")
  void everyTruncationIsDroppedWithoutThrowing(
      PacketProtection transform, boolean esn, EspPayload payload) {
    EspSa sa = sa(transform, esn);
    byte[] packet = EspPacket.seal(sa, 1, payload, ivFor(transform));
    int smallest = 8 + transform.ivLength() + EspPacket.paddingAlignment(transform) + transform.icvLength();
    for (int n = 0; n < packet.length; n++) {
      EspOpenResult result = EspPacket.open(sa, new ReplayWindow(), Arrays.copyOf(packet, n));
      Dropped dropped = assertInstanceOf(Dropped.class, result, "length " + n);
      if (n < smallest) {
        assertEquals(Reason.TOO_SHORT, dropped.reason(), "length " + n);
      } else {
        assertTrue(dropped.reason() == Reason.MISALIGNED || dropped.reason() == Reason.ICV_FAILED,
            "length " + n + ": " + dropped.reason());
      }
    }
  }

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(4303);
    for (PacketProtection transform : transforms()) {
      EspSa sa = sa(transform, true);
      ReplayWindow window = new ReplayWindow();
      for (int i = 0; i < 2000; i++) {
        byte[] junk = new byte[random.nextInt(200)];
        random.nextBytes(junk);
        if (junk.length >= 4 && random.nextBoolean()) {
          EspHeader.putU32(junk, 0, SPI & 0xffff_ffffL);
        }
        assertInstanceOf(Dropped.class, EspPacket.open(sa, window, junk));
      }
      assertEquals(0, window.highestAuthenticated());
    }
  }

  @Test
  void secondCopyIsDroppedAsReplayedRfc4303Section3_4_3() {
    EspSa sa = sa(PacketProtection.AES_CCM_8_128, false);
    byte[] packet =
        EspPacket.seal(sa, 42, EspPayload.transport(NextHeader.UDP, new byte[8]),
            IvSource.sequenceNumber());
    ReplayWindow window = new ReplayWindow();
    assertTrue(EspPacket.open(sa, window, packet).isAccepted());
    assertEquals(new Dropped(Reason.REPLAYED, OptionalLong.of(42)),
        EspPacket.open(sa, window, packet));
  }

  @Test
  void packetOlderThanTheWindowIsDroppedBeforeItsIcvIsChecked() {
    EspSa sa = sa(PacketProtection.AES_GCM_16_128, false);
    ReplayWindow window = new ReplayWindow(64);
    window.markAuthenticated(1000);
    byte[] old = EspPacket.seal(sa, 936, EspPayload.dummy(4), IvSource.sequenceNumber());
    old[old.length - 1] ^= 1; // a forgery: still REPLAYED, because it is never verified
    assertEquals(Reason.REPLAYED, ((Dropped) EspPacket.open(sa, window, old)).reason());
  }

  @Test
  void otherSpiIsDroppedAsMismatch() {
    EspSa sa = sa(PacketProtection.AES_GCM_16_128, false);
    EspSa other = new EspSa(SPI + 1, sa.protection(), sa.cipher(), false);
    byte[] packet = EspPacket.seal(other, 1, EspPayload.dummy(0), IvSource.sequenceNumber());
    assertEquals(new Dropped(Reason.SPI_MISMATCH, OptionalLong.empty()),
        EspPacket.open(sa, new ReplayWindow(), packet));
  }

  @Test
  void paddingIsOneTwoThreeUpToTheBlockRfc4303Section2_4() {
    EspSa sa = sa(PacketProtection.CHACHA20_POLY1305, false);
    byte[] iv = new byte[8];
    byte[] packet = EspPacket.seal(sa, 1, new EspPayload(17, new byte[] {9}), (s, out) -> {});
    byte[] aad = Arrays.copyOf(packet, 8);
    byte[] plaintext = sa.cipher().open(iv, aad, Arrays.copyOfRange(packet, 16, packet.length))
        .orElseThrow();
    assertEquals("09" + "01" + "01" + "11", Hex.toHexString(plaintext));

    EspSa cbc = sa(PacketProtection.AES_CBC_128_HMAC_SHA2_256, false);
    for (int n = 0; n <= 40; n++) {
      byte[] p = EspPacket.seal(cbc, 1, new EspPayload(6, new byte[n]), (s, out) -> {});
      int expectedEncrypted = (n + 2 + 15) / 16 * 16;
      assertEquals(8 + 16 + expectedEncrypted + 16, p.length, "payload " + n);
    }
  }

  /** Seals a hand-made trailer, so the packet is authentic but its padding is not. */
  private static byte[] sealRaw(EspSa sa, long seq, byte[] plaintext) {
    byte[] header = new byte[8];
    EspHeader.putU32(header, 0, sa.spi() & 0xffff_ffffL);
    EspHeader.putU32(header, 4, seq);
    byte[] iv = new byte[8];
    byte[] sealed = sa.cipher().seal(iv, header, plaintext);
    return org.bouncycastle.util.Arrays.concatenate(header, iv, sealed);
  }

  @Test
  void authenticPacketWithWrongPaddingBytesIsDroppedButItsNumberIsSpent() {
    EspSa sa = sa(PacketProtection.AES_GCM_16_128, false);
    ReplayWindow window = new ReplayWindow();
    // payload aabbccdd, padding 01 03 (not 01 02), Pad Length 2, Next Header 17
    byte[] packet = sealRaw(sa, 3, Hex.decode("aabbccdd" + "0103" + "02" + "11"));
    assertEquals(new Dropped(Reason.BAD_PADDING, OptionalLong.of(3)),
        EspPacket.open(sa, window, packet));
    assertTrue(window.shouldDiscard(3));
  }

  @Test
  void padLengthBeyondTheDataIsBadPadding() {
    EspSa sa = sa(PacketProtection.AES_GCM_16_128, false);
    byte[] packet = sealRaw(sa, 4, Hex.decode("0102" + "0311")); // claims 3 bytes, has 2
    assertEquals(Reason.BAD_PADDING,
        ((Dropped) EspPacket.open(sa, new ReplayWindow(), packet)).reason());
  }

  @Test
  void dummyPacketOpensAsDummyRfc4303Section2_6() {
    EspSa sa = sa(PacketProtection.AES_GCM_16_128, false);
    byte[] packet = EspPacket.seal(sa, 9, EspPayload.dummy(10), IvSource.sequenceNumber());
    Accepted accepted =
        assertInstanceOf(Accepted.class, EspPacket.open(sa, new ReplayWindow(), packet));
    assertEquals(EspPayload.Mode.DUMMY, accepted.payload().mode());
  }

  @Test
  void esnHighBitsAreAuthenticatedButNotSentRfc4303Section3_3_2_1() {
    for (PacketProtection transform : transforms()) {
      EspSa sa = sa(transform, true);
      long seq = 0x0000_0001_0000_0005L;
      byte[] packet =
          EspPacket.seal(sa, seq, EspPayload.dummy(3), IvSource.random(new SecureRandom()));
      assertEquals(5, EspHeader.u32(packet, 4));
      // A receiver that believes the high half is 0 computes another ICV.
      assertEquals(Reason.ICV_FAILED,
          ((Dropped) EspPacket.open(sa, new ReplayWindow(), packet)).reason(), transform.toString());
      ReplayWindow inSync = new ReplayWindow();
      inSync.markAuthenticated(0x0000_0000_ffff_fff0L);
      Accepted accepted = assertInstanceOf(Accepted.class, EspPacket.open(sa, inSync, packet));
      assertEquals(seq, accepted.sequenceNumber());
    }
  }

  @Test
  void sequenceNumberIvIsTheBigEndianSequenceNumber() {
    EspSa sa = sa(PacketProtection.AES_GCM_16_128, true);
    byte[] packet = EspPacket.seal(sa, 0x0102_0304_0506_0708L, EspPayload.dummy(0),
        IvSource.sequenceNumber());
    assertEquals("0102030405060708", Hex.toHexString(packet, 8, 8));
  }

  @Test
  void cbcRefusesTheSequenceNumberIvRfc3602Section2_1() {
    EspSa sa = sa(PacketProtection.AES_CBC_128_HMAC_SHA2_256, false);
    assertThrows(IllegalArgumentException.class,
        () -> EspPacket.seal(sa, 1, EspPayload.dummy(0), IvSource.sequenceNumber()));
  }

  @Test
  void randomIvsDiffer() {
    EspSa sa = sa(PacketProtection.AES_CBC_128_HMAC_SHA2_256, false);
    IvSource iv = IvSource.random(new SecureRandom());
    byte[] a = EspPacket.seal(sa, 1, EspPayload.dummy(0), iv);
    byte[] b = EspPacket.seal(sa, 2, EspPayload.dummy(0), iv);
    assertNotEquals(Hex.toHexString(a, 8, 16), Hex.toHexString(b, 8, 16));
  }

  @Test
  void refusesSequenceNumbersTheSaCannotCarry() {
    EspSa plain = sa(PacketProtection.AES_GCM_16_128, false);
    EspSa esn = sa(PacketProtection.AES_GCM_16_128, true);
    IvSource iv = IvSource.sequenceNumber();
    assertThrows(IllegalArgumentException.class,
        () -> EspPacket.seal(plain, 0, EspPayload.dummy(0), iv));
    assertThrows(IllegalArgumentException.class,
        () -> EspPacket.seal(plain, 0x1_0000_0000L, EspPayload.dummy(0), iv));
    assertThrows(IllegalArgumentException.class,
        () -> EspPacket.seal(esn, 0, EspPayload.dummy(0), iv));
    assertArrayEquals(Hex.decode("ffffffff"),
        Arrays.copyOfRange(EspPacket.seal(plain, 0xffff_ffffL, EspPayload.dummy(0), iv), 4, 8));
  }

  @Test
  void refusesPayloadLargerThanAnyIpPacket() {
    EspSa sa = sa(PacketProtection.AES_GCM_16_128, false);
    assertThrows(IllegalArgumentException.class, () -> EspPacket.seal(
        sa, 1, new EspPayload(17, new byte[65536]), IvSource.sequenceNumber()));
    assertEquals(EspPacket.packetLength(PacketProtection.AES_GCM_16_128, 65535), EspPacket.seal(
        sa, 1, new EspPayload(17, new byte[65535]), IvSource.sequenceNumber()).length);
  }

  @Test
  void paddingAlignmentIsTheBlockAndAtLeastFour() {
    assertEquals(4, EspPacket.paddingAlignment(PacketProtection.AES_GCM_16_128));
    assertEquals(4, EspPacket.paddingAlignment(PacketProtection.CHACHA20_POLY1305));
    assertEquals(16, EspPacket.paddingAlignment(PacketProtection.AES_CBC_128_HMAC_SHA2_256));
    // 1 byte + 2 trailer -> 4; header 8, IV 8, ICV 16
    assertEquals(8 + 8 + 4 + 16, EspPacket.packetLength(PacketProtection.AES_GCM_16_128, 1));
    assertEquals(8 + 8 + 8 + 16, EspPacket.packetLength(PacketProtection.AES_GCM_16_128, 3));
    assertEquals(8 + 16 + 16 + 16,
        EspPacket.packetLength(PacketProtection.AES_CBC_128_HMAC_SHA2_256, 14));
    assertEquals(8 + 16 + 32 + 16,
        EspPacket.packetLength(PacketProtection.AES_CBC_128_HMAC_SHA2_256, 15));
  }

  @Test
  void sequenceNumberZeroOnTheWireIsReplayedWithout64BitNumbers() {
    EspSa sa = sa(PacketProtection.AES_GCM_16_128, false);
    byte[] packet = sealRaw(sa, 0, Hex.decode("0000" + "0011"));
    assertEquals(Reason.REPLAYED, ((Dropped) EspPacket.open(sa, new ReplayWindow(), packet)).reason());
  }

  @Test
  void destroyedSaOpensNothing() {
    EspSa sa = sa(PacketProtection.AES_GCM_16_128, false);
    byte[] packet = EspPacket.seal(sa, 1, EspPayload.dummy(0), IvSource.sequenceNumber());
    sa.destroy();
    assertEquals(Reason.ICV_FAILED, ((Dropped) EspPacket.open(sa, new ReplayWindow(), packet)).reason());
    assertThrows(IllegalStateException.class,
        () -> EspPacket.seal(sa, 2, EspPayload.dummy(0), IvSource.sequenceNumber()));
  }

  @Test
  void sealsConcurrentlyOnOneSaWithDistinctSequenceNumbers() throws Exception {
    EspSa sa = sa(PacketProtection.AES_GCM_16_256, true);
    SequenceCounter counter = SequenceCounter.forSa(sa);
    int threads = 4;
    int perThread = 500;
    List<byte[]> packets = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          for (int i = 0; i < perThread; i++) {
            packets.add(EspPacket.seal(sa, counter.next(), EspPayload.dummy(i % 7),
                IvSource.sequenceNumber()));
          }
        } catch (SequenceExhausted e) {
          throw new AssertionError(e);
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    ReplayWindow window = new ReplayWindow(4096);
    for (byte[] packet : packets) {
      assertTrue(EspPacket.open(sa, window, packet).isAccepted());
    }
    assertEquals(threads * perThread, counter.lastSent());
  }
}
