package net.iotgw.load.ike;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IkeMessagesTest {
  /** IKE_SA_INIT response, SPIr 0, first payload N(COOKIE) with an 8-octet cookie (§2.6). */
  private static final String COOKIE_RESPONSE = "1122334455667788" + "0000000000000000"
      + "29" + "20" + "22" + "20" + "00000000" + "00000028"
      + "00" + "00" + "000c" + "00" + "00" + "4006" + "0102030405060708";

  @Test
  void anIkeSaInitResponseLedByNCookieIsAChallengeRfc7296Section2_6() {
    assertTrue(IkeMessages.isCookieChallenge(HexFormat.of().parseHex(COOKIE_RESPONSE)));
  }

  @Test
  void otherNotifiesRequestsAndTruncatedMessagesAreNot() {
    byte[] m = HexFormat.of().parseHex(COOKIE_RESPONSE);
    byte[] invalidKe = m.clone();
    invalidKe[35] = 0x11; // INVALID_KE_PAYLOAD, 17
    invalidKe[34] = 0x00;
    assertFalse(IkeMessages.isCookieChallenge(invalidKe));
    byte[] request = m.clone();
    request[19] = 0x08; // the initiator's flag, no response bit
    assertFalse(IkeMessages.isCookieChallenge(request));
    assertFalse(IkeMessages.isCookieChallenge(java.util.Arrays.copyOf(m, 30)));
  }
}
