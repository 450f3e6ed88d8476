package net.iotgw.protocols.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.EsnMode;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.ike.keys.ChildSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class EspSaTest {

  @Test
  void spiZeroIsRefusedRfc4303Section2_1() {
    assertThrows(IllegalArgumentException.class,
        () -> EspSa.create(0, PacketProtection.AES_GCM_16_128, new byte[20], EsnMode.NO_ESN));
  }

  @Test
  void cipherMustMatchTheTransform() {
    EspSa gcm = EspSa.create(7, PacketProtection.AES_GCM_16_128, new byte[20], EsnMode.NO_ESN);
    assertThrows(IllegalArgumentException.class,
        () -> new EspSa(7, PacketProtection.AES_CBC_128_HMAC_SHA2_256, gcm.cipher(), false));
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    byte[] keymat = new byte[36];
    java.util.Arrays.fill(keymat, (byte) 0xab);
    EspSa sa = EspSa.create(0x1234abcd, PacketProtection.CHACHA20_POLY1305, keymat, EsnMode.ESN);
    assertEquals("EspSa[spi=1234abcd, ENCR_CHACHA20_POLY1305/256, ESN]", sa.toString());
  }

  /**
   * The two ways to key an SA agree: the IKE key schedule's ChildSaKeys, and the direction's
   * slice of KEYMAT (RFC 7296 §2.17: the responder-to-initiator slice is the second one).
   */
  @Test
  void rfc7296Section2_17ChildSaKeysAndTheKeymatSliceKeyTheSameSa() {
    PacketProtection p = PacketProtection.AES_CBC_128_HMAC_SHA2_256;
    byte[] skD = Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] ni = Hex.decode("32b50d5f4a3763f3");
    byte[] nr = Hex.decode("9206a04b26564cb1");
    ChildSaKeys keys = KeySchedule.childSa(PrfAlgorithm.PRF_HMAC_SHA2_256, skD, p, ni, nr);
    byte[] keymat =
        Prf.of(PrfAlgorithm.PRF_HMAC_SHA2_256)
            .prfPlus(skD, org.bouncycastle.util.Arrays.concatenate(ni, nr), 2 * p.keyingMaterialLength());
    byte[] responderSlice =
        Arrays.copyOfRange(keymat, p.keyingMaterialLength(), keymat.length);

    EspSa fromKeys = new EspSa(0x1234abcd, keys.protection(), keys.responderToInitiator(), false);
    EspSa fromSlice = EspSa.create(0x1234abcd, p, responderSlice, EsnMode.NO_ESN);
    IvSource iv = (seq, out) -> Arrays.fill(out, (byte) 0x5a);
    EspPayload payload = EspPayload.transport(NextHeader.UDP, new byte[] {1, 2, 3});
    byte[] packet = EspPacket.seal(fromKeys, 1, payload, iv);
    assertArrayEquals(packet, EspPacket.seal(fromSlice, 1, payload, iv));
    assertTrue(EspPacket.open(fromSlice, new ReplayWindow(), packet).isAccepted());
  }
}
