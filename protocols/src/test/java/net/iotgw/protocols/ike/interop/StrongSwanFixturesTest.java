package net.iotgw.protocols.ike.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Our IKEv2 and ESP code against every committed real strongSwan exchange, and proof that the
 * verifier notices when a single captured byte or logged key disagrees.
 */
class StrongSwanFixturesTest {

  static final List<String> SUITES = StrongSwanFixture.SUITES;

  @ParameterizedTest
  @FieldSource("SUITES")
  void ourCodeReproducesTheRealExchange(String suite) {
    StrongSwanExchangeCheck.Verified verified =
        StrongSwanExchangeCheck.verify(StrongSwanFixture.load(suite));
    assertEquals(suite, verified.suite());
    assertEquals(4, verified.espPackets());
  }

  /**
   * One character changed in a copy of a fixture: a secret (by key) or a captured datagram (by
   * line), and the check that must catch it.
   */
  static final List<Arguments> TAMPERED =
      List.of(
          arguments("aesgcm-x25519-psk", "secrets.properties", "dh_shared_secret", "SKEYSEED"),
          arguments("aesgcm-x25519-psk", "secrets.properties", "nr", "Nr from the Nonce payload"),
          arguments("aesgcm-x25519-psk", "secrets.properties", "sk_pr", "SK_pr"),
          arguments("chacha-x25519-psk", "secrets.properties", "ike_proposal", "IKE proposal"),
          arguments("cbc-ecp256-psk", "secrets.properties", "auth_i_octets", "AUTH octets"),
          arguments("modp2048-cbc-psk", "secrets.properties", "esp_integ_r", "integrity key r->i"),
          arguments("aesgcm-x25519-psk", "messages.txt", "4", "opens"),
          arguments("cbc-ecp256-psk", "messages.txt", "3", "opens"),
          arguments("ecdsa-x25519-cert-frag", "messages.txt", "5", "opens"),
          arguments("ecdsa-x25519-cert", "esp.txt", "4", "opens with our keys"),
          arguments("aesgcm256-ecp384-psk", "plaintexts.txt", "4", "Pad Length octet"));

  @ParameterizedTest(name = "{0}: {1} {2}")
  @FieldSource("TAMPERED")
  void failsOnOneChangedCharacter(
      String suite, String file, String where, String expected, @TempDir Path dir)
      throws IOException {
    Path copy = copyOf(suite, dir);
    Path target = copy.resolve(file);
    List<String> lines = new ArrayList<>(Files.readAllLines(target, StandardCharsets.US_ASCII));
    int index =
        file.equals("secrets.properties") ? keyLine(lines, where) : Integer.parseInt(where) - 1;
    lines.set(index, flipLastCharacter(lines.get(index)));
    Files.write(target, lines, StandardCharsets.US_ASCII);

    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> StrongSwanExchangeCheck.verify(StrongSwanFixture.fromDirectory(copy)));
    assertTrue(
        error.getMessage().contains(expected),
        "expected '" + expected + "' in: " + error.getMessage());
  }

  private static Path copyOf(String suite, Path dir) throws IOException {
    Path copy = Files.createDirectory(dir.resolve(suite));
    for (String name : List.of("messages.txt", "esp.txt", "plaintexts.txt", "secrets.properties")) {
      String resource = StrongSwanFixture.RESOURCE_ROOT + suite + "/" + name;
      try (InputStream in = StrongSwanFixture.class.getResourceAsStream(resource)) {
        Files.copy(in, copy.resolve(name));
      }
    }
    return copy;
  }

  private static int keyLine(List<String> lines, String key) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(key + "=")) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + key);
  }

  /** Still a hex digit (or digit) where it was one, never the same character. */
  private static String flipLastCharacter(String line) {
    char last = line.charAt(line.length() - 1);
    return line.substring(0, line.length() - 1) + (last == '0' ? '1' : '0');
  }
}
