package net.iotgw.protocols.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.6: Cookie = VersionIDofSecret | Hash(Ni | IPi | SPIi | secret). */
class CookieSecretsTest {
  private static final byte[] NI = new byte[32];
  private static final byte[] IP = Conversation.UD_ADDRESS.getAddress();

  @Test
  void cookieIsTheVersionFollowedBySha256AndChecksEveryInput() {
    CookieSecrets s = CookieSecrets.create(Conversation.seeded(1)).rotate(Conversation.seeded(2));
    byte[] cookie = s.cookieFor(NI, IP, 42);
    assertEquals(36, cookie.length);
    assertArrayEquals(new byte[] {0, 0, 0, 1}, Arrays.copyOf(cookie, 4));
    assertTrue(s.isValid(cookie, NI, IP, 42));
    assertFalse(s.isValid(cookie, NI, IP, 43), "SPIi");
    assertFalse(s.isValid(cookie, new byte[16], IP, 42), "Ni");
    assertFalse(s.isValid(cookie, NI, Conversation.CD_ADDRESS.getAddress(), 42), "IPi");
    byte[] forged = cookie.clone();
    forged[35] ^= 1;
    assertFalse(s.isValid(forged, NI, IP, 42));
    assertFalse(s.isValid(Arrays.copyOf(cookie, 35), NI, IP, 42));
  }

  @Test
  void previousSecretStillValidatesOneRotationLaterOnly() {
    CookieSecrets s = CookieSecrets.create(Conversation.seeded(3));
    byte[] cookie = s.cookieFor(NI, IP, 7);
    CookieSecrets once = s.rotate(Conversation.seeded(4));
    assertTrue(once.isValid(cookie, NI, IP, 7));
    assertFalse(once.rotate(Conversation.seeded(5)).isValid(cookie, NI, IP, 7));
    assertTrue(once.toString().contains("redacted"));
  }
}
