package net.iotgw.protocols.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.stream.Stream;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.esp.EspOpenResult.Accepted;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.EsnMode;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole ESP packets from published vectors, pinned byte for byte through seal and open. */
class EspPacketVectorsTest {

  private static IvSource fixedIv(String hex) {
    byte[] iv = Hex.decode(hex);
    return (seq, out) -> System.arraycopy(iv, 0, out, 0, iv.length);
  }

  /** A window that has just seen {@code seq - 1}, so ESN inference lands on {@code seq}. */
  private static ReplayWindow windowJustBefore(long seq) {
    ReplayWindow window = new ReplayWindow();
    window.markAuthenticated(seq - 1);
    return window;
  }

  private static void assertSealsAndOpens(
      EspSa sa, long seq, int nextHeader, byte[] payload, String iv, byte[] expectedPacket) {
    byte[] packet = EspPacket.seal(sa, seq, new EspPayload(nextHeader, payload), fixedIv(iv));
    assertEquals(Hex.toHexString(expectedPacket), Hex.toHexString(packet));
    Accepted accepted =
        assertInstanceOf(Accepted.class, EspPacket.open(sa, windowJustBefore(seq), packet));
    assertEquals(seq, accepted.sequenceNumber());
    assertEquals(nextHeader, accepted.payload().nextHeader());
    assertArrayEquals(payload, accepted.payload().data());
  }

  /**
   * RFC 7634 Appendix B: a tunnel-mode ICMP echo over IPv4 (Next Header 4), SPI 0x01020304,
   * sequence number 5, 32-bit sequence numbers.
   */
  @Test
  void sealsAndOpensRfc7634AppendixBPacket() {
    byte[] keymat =
        Hex.decode("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3");
    EspSa sa = EspSa.create(0x01020304, PacketProtection.CHACHA20_POLY1305, keymat, EsnMode.NO_ESN);
    byte[] inner =
        Hex.decode(
            "45000054a6f200004001e778c6336405c000020508005b7a3a080000553bec10"
                + "0007362708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223"
                + "2425262728292a2b2c2d2e2f3031323334353637");
    byte[] packet =
        Hex.decode(
            "01020304000000051011121314151617"
                + "24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c6"
                + "14ee8099d52844eb61aa95dfab4c02f72aa71e7c4c4f64c9befe2facc638e8f3"
                + "cbec163fac469b502773f6fb94e664da9165b82829f641e0"
                + "76aaa8266b7fb0f7b11b369907e1ad43");
    assertEquals(4, EspPayload.tunnel(inner).nextHeader());
    assertSealsAndOpens(sa, 5, 4, inner, "1011121314151617", packet);
  }

  record GcmCase(
      String name, String keymat, int spi, long seq, boolean esn, String nonce, String plaintext,
      String packet) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * draft-mcgrew-gcm-test-01 §4, the AES-GCM (ICV 16) ESP cases: each "plaintext" there is
   * payload | padding | Pad Length | Next Header, the "nonce" is salt | IV, and the AAD is SPI |
   * Seq or, with a 64-bit sequence number, SPI | Seq high | Seq low. All use minimal padding.
   * Left out: the case with SPI 0, which no SA may use (RFC 4303 §2.1).
   */
  static Stream<GcmCase> gcmDraftCases() {
    return Stream.of(
        new GcmCase("AES-128, ESN 8765432100000000", "4c80cdefbb5d10da906ac73c3613a634",
            0x4321, 0x8765432100000000L, true, "2e443b684956ed7e3b244cfe",
            "45000048699a000080114db7c0a80102c0a801010a9bf15638d3010000010000"
                + "00000000045f736970045f756470037369700963796265726369747902646b00"
                + "0021000101020201",
            "00004321000000004956ed7e3b244cfe"
                + "fecf537e729d5b07dc30df528dd22b768d1b98736696a6fd348509fa13ceac34"
                + "cfa2436f14a3f3cf65925bf1f4a13c5d15b21e1884f5ff6247aeabb786b93bce"
                + "61bc17d768fd9732459018148f6cbe722fd04796562dfdb4"),
        new GcmCase("AES-128, seq 10", "feffe9928665731c6d6a8f9467308308", 0xa5f8, 10, false,
            "cafebabefacedbaddecaf888",
            "4500003e698f000080114dccc0a80102c0a801010a980035002a2343b2d00100"
                + "0001000000000000037369700963796265726369747902646b00000100010001",
            "0000a5f80000000afacedbaddecaf888"
                + "deb22cd9b07c72c16e3a65beeb8df304a5a5897d33ae530f1ba76d5d114d2a5c"
                + "3de81827c10e9a4f51330d0eec416642cfbb85a5b47e48a4ec3b9ba95d918bd1"
                + "83b70d3aa8bc6ee4c309e9d85a41ad4a"),
        new GcmCase("AES-256, seq 2",
            "abbccddef00112233445566778899aababbccddef00112233445566778899aab", 0x4a2cbfe3, 2,
            false, "112233440102030405060708",
            "4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee000000000"
                + "7002400020bf0000020405b40101040201020201",
            "4a2cbfe3000000020102030405060708"
                + "ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763"
                + "748a637985771d347f0545659f14e99def842d8eb335f4eecfdbf831824b4c49"
                + "15956c96"),
        new GcmCase("AES-128, ESN 1010101010101010", "3de09874b388e6491988d0c3607eae1f",
            0x42f67e3f, 0x1010101010101010L, true, "57690e434e280000a2fca1a3",
            "4500003c99c300008001cb7c40679318010101010800085c0200430061626364"
                + "65666768696a6b6c6d6e6f707172737475767761626364656667686901020201",
            "42f67e3f101010104e280000a2fca1a3"
                + "fba2caa4853cf9f0f22cb10d86dd83b0fec75691cf1a04b00d1138ec9c357917"
                + "65acbd8701ad79845bf9fe3fba487bc91755e6662b4c8d0d1f5e22739530320a"
                + "e0d731cc978ecafaeae88f00e80d6e48"),
        new GcmCase("AES-128, ESN, 28-byte payload", "3de09874b388e6491988d0c3607eae1f",
            0x42f67e3f, 0x1010101010101010L, true, "57690e434e280000a2fca1a3",
            "4500001c42a200008001441f406793b6e00000020a00f5ff01020201",
            "42f67e3f101010104e280000a2fca1a3"
                + "fba2ca845e5df9f0f22c3e6e86dd831e1fc65792cd1af9130e1379ed369f071f"
                + "35e034be95f112e4e7d05d35"),
        new GcmCase("AES-192, seq 10", "feffe9928665731c6d6a8f9467308308feffe9928665731c",
            0xa5f8, 10, false, "cafebabefacedbaddecaf888",
            "45000028a4ad4000400678800a01038f0a010612802306b8cb712602dd6bb03e"
                + "501016d075680001",
            "0000a5f80000000afacedbaddecaf888"
                + "a5b1f8066029aea40e598b8122de02420938b3ab33f828e687b8858b5bfbdbd0"
                + "315b27452144cc7795457b9652037f5318027b5b4cd7a636"),
        new GcmCase("AES-128, ESN 1", "abbccddef00112233445566778899aab", 0x100, 1, true,
            "decaf888cafedebaceface74",
            "4500004933ba00007f119106c3fb1d10c2b1d326c02831ce0035dd7b800302d5"
                + "00004e20001e8c18d75b81dc91baa0476b91b924b280389d92c963bac046ec95"
                + "9b6266c04722b14923010101",
            "0000010000000001cafedebaceface74"
                + "18a6fd42f72cbf4ab2a2ea901f73d814e3e7f243d95412e1c349c1d2fbec168f"
                + "9190feebaf2cb01984e65863965d7472b79da345e0e780191f0d2f0e0f496c22"
                + "6f2127b27db35724e7845d68651f57e65f354f75ff17015769623436"),
        new GcmCase("AES-256, ESN 156f3126dd0db99b",
            "abbccddef00112233445566778899aababbccddef00112233445566778899aab", 0x17405e67,
            0x156f3126dd0db99bL, true, "73616c74616e640169766563",
            "45080028732c00004006e9f90a0106120a01038f06b88023dd6bafbecb712602"
                + "50101f646d540001",
            "17405e67dd0db99b616e640169766563"
                + "f2d69ecdbd5a0d5b8d5ef38bad4da58d1f278fde98ef67549d524a3018d9a57f"
                + "f4d3a31ce673119e451626c2415771e3b7eebca614c89b35"),
        new GcmCase("AES-128, ESN, 73-byte payload", "3de09874b388e6491988d0c3607eae1f",
            0x42f67e3f, 0x1010101010101010L, true, "57690e434e280000a2fca1a3",
            "45000049333e00007f119182c3fb1d10c2b1d326c02831ce0035cb458003025b"
                + "000001e0001e8c18d65759d52284a0352c71475c8880391c764d6e5ee0496b32"
                + "5ae270c03899493915010101",
            "42f67e3f101010104e280000a2fca1a3"
                + "fba2cad12fc1f9f00d3cebf305410db83d7784b607323d220f24b0a97d541828"
                + "00cadb0f68d99ef0e0c0c89ae9bea8884e52d65bc1afd0740f742444747b5b39"
                + "ab533163aad4550ee5160975cdb608c5769189609763b8e18caa81e2"),
        new GcmCase("AES-256, ESN, non-IP payload",
            "abbccddef00112233445566778899aababbccddef00112233445566778899aab", 0x17405e67,
            0x156f3126dd0db99bL, true, "73616c74616e640169766563",
            "636973636f0172756c657301746865016e6574776501646566696e6501746865"
                + "746563686e6f6c6f67696573017468617477696c6c01646566696e65746f6d6f"
                + "72726f7701020201",
            "17405e67dd0db99b616e640169766563"
                + "d4b7ed86a1777f2ea13d6973d324c69e7b43f826fb56831226508bebd2dceb18"
                + "d0a6df10e5487df074113e14c641024e3e6773d91a62ee429b043a10e3efe6b0"
                + "12a49363412364f8c0cac587f249e56b11e24f30e44ccc76"),
        new GcmCase("AES-128, seq ffffffff, empty payload", "7d773d00c144c525ac619d18c84a3f47",
            0x335467ae, 0xffffffffL, false, "d966426743457e9182443bc6", "01020201",
            "335467aeffffffff43457e9182443bc6437f866bcb3f699fe9b0822bac961c4504bef270"),
        new GcmCase("AES-128, ESN 1, 18-byte payload", "abbccddef00112233445566778899aab",
            0x100, 1, true, "decaf888cafedebaceface74",
            "746f016265016f72016e6f7401746f0162650001",
            "0000010000000001cafedebaceface74"
                + "29c9fc69a197d038ccdd14e2ddfcaa0543332164412503524303ed3c6c5f2838"
                + "43af8c3e"),
        new GcmCase("AES-256, ESN ffffffffffffffff",
            "6c6567616c697a656d6172696a75616e61616e64646f69746265666f72656961", 0x796b6963,
            -1L, true, "7475726e333021696765746d",
            "45000030da3a00008001df3bc0a80005c0a800010800c6cd0200070061626364"
                + "65666768696a6b6c6d6e6f707172737401020201",
            "796b6963ffffffff333021696765746d"
                + "f97ab2aa356d8edce17644ac8c78e25dd24dedbb29ebf1b64a274b39b49c3a86"
                + "4cd3d78ca4ae68a32b42458fb57dbe821dcc63b9d0937ba2945f669368661a32"
                + "9fb4c053"));
  }

  @ParameterizedTest
  @MethodSource("gcmDraftCases")
  void sealsAndOpensDraftMcgrewGcmTestCase(GcmCase c) {
    byte[] nonce = Hex.decode(c.nonce());
    byte[] keymat = org.bouncycastle.util.Arrays.concatenate(
        Hex.decode(c.keymat()), Arrays.copyOf(nonce, 4));
    int keyBits = (keymat.length - 4) * 8;
    PacketProtection transform =
        PacketProtection.of(EncryptionAlgorithm.ENCR_AES_GCM_16, keyBits, IntegrityAlgorithm.NONE)
            .orElseThrow();
    EspSa sa =
        EspSa.create(c.spi(), transform, keymat, c.esn() ? EsnMode.ESN : EsnMode.NO_ESN);
    byte[] plaintext = Hex.decode(c.plaintext());
    int nextHeader = plaintext[plaintext.length - 1] & 0xff;
    int padLength = plaintext[plaintext.length - 2] & 0xff;
    byte[] payload = Arrays.copyOf(plaintext, plaintext.length - 2 - padLength);
    assertSealsAndOpens(
        sa, c.seq(), nextHeader, payload, Hex.toHexString(nonce, 4, 8), Hex.decode(c.packet()));
  }

  record CbcCase(String name, String key, int spi, long seq, String iv, int nextHeader,
      String payload, String packet) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * RFC 3602 §4 Cases #5 to #8: ESP packets with AES-128-CBC and no integrity. We always add
   * HMAC-SHA2-256-128, so the RFC's packet is the prefix of ours, before our ICV. It pins the
   * header, the IV placement, the padding (1, 2, 3, ... to a 16-byte boundary) and the trailer.
   */
  static Stream<CbcCase> rfc3602EspCases() {
    return Stream.of(
        new CbcCase("Case #5 transport ICMP", "90d382b410eeba7ad938c46cec1a82bf", 0x4321, 1,
            "e96e8c08ab465763fd098d45dd3ff893", 1,
            "08000ebda70a00008e9c083db95b070008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                + "202122232425262728292a2b2c2d2e2f3031323334353637",
            "0000432100000001e96e8c08ab465763fd098d45dd3ff893"
                + "f663c25d325c18c6a9453e194e120849a4870b66cc6b9965330013b4898dc856"
                + "a4699e523a55db080b59ec3a8e4b7e52775b07d1db34ed9c538ab50c551b874a"
                + "a269add047ad2d5913ac19b7cfbad4a6"),
        new CbcCase("Case #6 transport ICMP", "90d382b410eeba7ad938c46cec1a82bf", 0x4321, 8,
            "69d08df7d203329db093fc4924e5bd80", 1,
            "0800b5e8a80a0500a69c083d0b660e00777777777777777777777777",
            "000043210000000869d08df7d203329db093fc4924e5bd80"
                + "f51995881ec4e0c4488987ce742e8109689bb379d2d750c0d915dca346a89f75"),
        new CbcCase("Case #7 tunnel IPv4", "0123456789abcdef0123456789abcdef", 0x8765, 2,
            "f4e765244f6407adf13dc1380f673f37", 4,
            "45000054090400004001f988c0a87b03c0a87bc808009f76a90a0100b49c083d02a20400"
                + "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b"
                + "2c2d2e2f3031323334353637",
            "0000876500000002f4e765244f6407adf13dc1380f673f37"
                + "773b5241a4c449225e4f3ce5ed611b0c237ca96cf74a93013c1b0ea1a0cf70f8"
                + "e4ecaec78ac53aad7a0f022b859243c647752e94a859352b8a4d4d2decd136e5"
                + "c177f132ad3fbfb2201ac9904c74ee0a109e0ca1e4dfe9d5a100b842f1c22f0d"),
        new CbcCase("Case #8 tunnel IPv4", "0123456789abcdef0123456789abcdef", 0x8765, 5,
            "85d47224b5f3dd5d2101d4ea8dffab22", 4,
            "45000044090c00004001f990c0a87b03c0a87bc80800d63caa0a0200c69c083da3de0300"
                + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "000087650000000585d47224b5f3dd5d2101d4ea8dffab22"
                + "15b92683819596a8047232cc00f7048fe45318e11f8a0f62ede3c3fc61203bb5"
                + "0f980a08c9843fd3a1b06d5c07ff9639b7eb7dfb3512e5de435e7207ed971ef3"
                + "d2726d9b5ef6affc6d17a0decbb13892"));
  }

  @ParameterizedTest
  @MethodSource("rfc3602EspCases")
  void sealsRfc3602Section4EspPacketAsPrefix(CbcCase c) {
    byte[] keymat =
        org.bouncycastle.util.Arrays.concatenate(Hex.decode(c.key()), new byte[32]);
    EspSa sa =
        EspSa.create(c.spi(), PacketProtection.AES_CBC_128_HMAC_SHA2_256, keymat, EsnMode.NO_ESN);
    byte[] payload = Hex.decode(c.payload());
    byte[] packet =
        EspPacket.seal(sa, c.seq(), new EspPayload(c.nextHeader(), payload), fixedIv(c.iv()));
    byte[] rfc = Hex.decode(c.packet());
    assertEquals(rfc.length + 16, packet.length);
    assertEquals(Hex.toHexString(rfc), Hex.toHexString(Arrays.copyOf(packet, rfc.length)));
    Accepted accepted =
        assertInstanceOf(Accepted.class, EspPacket.open(sa, new ReplayWindow(), packet));
    assertEquals(c.seq(), accepted.sequenceNumber());
    assertEquals(new EspPayload(c.nextHeader(), payload), accepted.payload());
  }
}
