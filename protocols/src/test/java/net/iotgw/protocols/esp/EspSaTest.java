package net.iotgw.protocols.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.iotgw.protocols.ike.EsnMode;
import org.junit.jupiter.api.Test;

class EspSaTest {

  @Test
  void spiZeroIsRefusedRfc4303Section2_1() {
    assertThrows(IllegalArgumentException.class,
        () -> EspSa.create(0, EspTransform.AES_GCM_16_128, new byte[20], EsnMode.NO_ESN));
  }

  @Test
  void cipherMustMatchTheTransform() {
    EspSa gcm = EspSa.create(7, EspTransform.AES_GCM_16_128, new byte[20], EsnMode.NO_ESN);
    assertThrows(IllegalArgumentException.class,
        () -> new EspSa(7, EspTransform.AES_CBC_128_HMAC_SHA2_256, gcm.cipher(), false));
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    byte[] keymat = new byte[36];
    java.util.Arrays.fill(keymat, (byte) 0xab);
    EspSa sa = EspSa.create(0x1234abcd, EspTransform.CHACHA20_POLY1305, keymat, EsnMode.ESN);
    assertEquals("EspSa[spi=1234abcd, ENCR_CHACHA20_POLY1305/256, ESN]", sa.toString());
  }
}
