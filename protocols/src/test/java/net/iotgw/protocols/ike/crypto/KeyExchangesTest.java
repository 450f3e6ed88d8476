package net.iotgw.protocols.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import net.iotgw.protocols.ike.DhGroup;
import org.junit.jupiter.api.Test;

class KeyExchangesTest {

  @Test
  void eachGroupProducesKeyExchangeDataOfItsDocumentedLength() {
    SecureRandom random = new SecureRandom();
    int[] expected = {32, 64, 96, 256};
    DhGroup[] groups = {DhGroup.CURVE25519, DhGroup.ECP_256, DhGroup.ECP_384, DhGroup.MODP_2048};
    for (int i = 0; i < groups.length; i++) {
      KeyExchange k = KeyExchanges.generate(groups[i], random);
      assertEquals(groups[i], k.group());
      assertEquals(expected[i], KeyExchanges.publicValueLength(groups[i]));
      assertEquals(expected[i], k.publicValue().length);
    }
  }

  @Test
  void groupNoneHasNoKeyExchange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyExchanges.generate(DhGroup.NONE, new SecureRandom()));
  }
}
