package net.iotgw.protocols.eap.psk;

import static net.iotgw.protocols.eap.psk.HostapdTranscript.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.EAXBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The primitives of EAP-PSK against published vectors. RFC 4764 has no test vectors; the key
 * schedule is checked against hostapd 2.10's key dumps ({@link HostapdTranscript}).
 */
class PskCryptoTest {

  @Test
  void akAndKdkMatchHostapd_rfc4764_3_1() {
    LongTermKeys k = PskKeySchedule.longTermKeys(new Psk(HostapdTranscript.PSK));
    assertArrayEquals(HostapdTranscript.AK, k.ak());
    assertArrayEquals(HostapdTranscript.KDK, k.kdk());
  }

  @Test
  void tekMskEmskMatchHostapd_rfc4764_3_2() {
    LongTermKeys k = new LongTermKeys(HostapdTranscript.AK, HostapdTranscript.KDK);
    SessionKeys s = PskKeySchedule.sessionKeys(k, HostapdTranscript.RAND_P);
    assertArrayEquals(HostapdTranscript.TEK, s.tek());
    assertArrayEquals(HostapdTranscript.MSK, s.msk());
    assertArrayEquals(HostapdTranscript.EMSK, s.emsk());
  }

  @Test
  void macPAndMacSMatchHostapd_rfc4764_5_2_and_5_3() {
    assertArrayEquals(
        HostapdTranscript.MAC_P,
        PskMac.macP(
            HostapdTranscript.AK,
            HostapdTranscript.ID_P,
            HostapdTranscript.ID_S,
            HostapdTranscript.RAND_S,
            HostapdTranscript.RAND_P));
    assertArrayEquals(
        HostapdTranscript.MAC_S,
        PskMac.macS(HostapdTranscript.AK, HostapdTranscript.ID_S, HostapdTranscript.RAND_P));
  }

  private static final byte[] RFC4493_KEY = hex("2b7e151628aed2a6abf7158809cf4f3c");
  private static final byte[] RFC4493_M =
      hex(
          "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
              + "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710");

  @Test
  void aesCmacMatchesRfc4493Examples_rfc4493_4() {
    assertArrayEquals(hex("bb1d6929e95937287fa37d129b756746"), PskMac.cmac(RFC4493_KEY, new byte[0]));
    assertArrayEquals(
        hex("070a16b46b4d4144f79bdd9dd04a287c"),
        PskMac.cmac(RFC4493_KEY, Arrays.copyOf(RFC4493_M, 16)));
    assertArrayEquals(
        hex("dfa66747de9ae63030ca32611497c827"),
        PskMac.cmac(RFC4493_KEY, Arrays.copyOf(RFC4493_M, 40)));
    assertArrayEquals(hex("51f0bebf7e3b9d92fc49741779363cfe"), PskMac.cmac(RFC4493_KEY, RFC4493_M));
  }

  /** EAX paper (Bellare, Rogaway, Wagner, FSE 2004), test vectors 1-3: key, nonce, header, msg, cipher||tag. */
  @Test
  void bouncyCastleEaxMatchesEaxPaperVectors() throws Exception {
    String[][] vectors = {
      {
        "233952DEE4D5ED5F9B9C6D6FF80FF478", "62EC67F9C3A4A407FCB2A8C49031A8B3",
        "6BFB914FD07EAE6B", "", "E037830E8389F27B025A2D6527E79D01"
      },
      {
        "91945D3F4DCBEE0BF45EF52255F095A4", "BECAF043B0A23D843194BA972C66DEBD",
        "FA3BFD4806EB53FA", "F7FB", "19DD5C4C9331049D0BDAB0277408F67967E5"
      },
      {
        "01F74AD64077F2E704C0F60ADA3DD523", "70C3DB4F0D26368400A10ED05D2BFF5E",
        "234A3463C1264AC6", "1A47CB4933", "D851D5BAE03A59F238A23E39199DC9266626C40F80"
      },
    };
    for (String[] v : vectors) {
      EAXBlockCipher eax = new EAXBlockCipher(AESEngine.newInstance());
      eax.init(true, new AEADParameters(new KeyParameter(hex(v[0])), 128, hex(v[1]), hex(v[2])));
      byte[] msg = hex(v[3]);
      byte[] out = new byte[eax.getOutputSize(msg.length)];
      int n = eax.processBytes(msg, 0, msg.length, out, 0);
      eax.doFinal(out, n);
      assertArrayEquals(hex(v[4]), out, v[0]);
    }
  }

  @Test
  void pchannelOfMessage3MatchesHostapd_rfc4764_5_3() {
    byte[] header = Arrays.copyOf(HostapdTranscript.MESSAGE_3, 22);
    PChannel p = PChannel.seal(HostapdTranscript.TEK, 0, header, PskResult.DONE_SUCCESS);
    assertArrayEquals(hex("cae10270f2d0bd958c2b400e0054ce5b"), p.tag());
    assertArrayEquals(hex("45"), p.encrypted());
    assertEquals(PskResult.DONE_SUCCESS, p.open(HostapdTranscript.TEK, header).orThrow());
  }

  @Test
  void pchannelRefusesAnotherHeader_rfc4764_5_3() {
    byte[] header = Arrays.copyOf(HostapdTranscript.MESSAGE_3, 22);
    PChannel p = PChannel.seal(HostapdTranscript.TEK, 0, header, PskResult.DONE_SUCCESS);
    header[1] ^= 1; // the identifier is authenticated
    Decoded<PskResult> d = p.open(HostapdTranscript.TEK, header);
    assertEquals(
        DecodeError.Kind.AUTHENTICATION_FAILED, assertInstanceOf(Decoded.Failed.class, d).error().kind());
  }

  @Test
  void keyRecordsRedactAndZero() {
    SessionKeys s =
        PskKeySchedule.sessionKeys(
            new LongTermKeys(HostapdTranscript.AK, HostapdTranscript.KDK), HostapdTranscript.RAND_P);
    assertEquals("SessionKeys[TEK, MSK, EMSK redacted]", s.toString());
    assertEquals("Psk[redacted]", new Psk(HostapdTranscript.PSK).toString());
    s.destroy();
    assertArrayEquals(new byte[64], s.msk());
    assertArrayEquals(new byte[16], s.tek());
  }
}
