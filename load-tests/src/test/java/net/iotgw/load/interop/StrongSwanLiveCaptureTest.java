package net.iotgw.load.interop;

import net.iotgw.testing.HostTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import net.iotgw.protocols.ike.interop.StrongSwanExchangeCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Captures fresh IKEv2/ESP exchanges between two real strongSwan daemons
 * (load-tests/scripts/strongswan-capture.sh) and runs the same verifier as the committed fixtures
 * on them: new nonces, DH keys, SPIs and IVs every run, so our code is checked against more than
 * the bytes it was developed with. Needs root (network namespaces) and strongSwan, tshark,
 * dumpcap: missing ones fail under CI and skip visibly elsewhere.
 */
class StrongSwanLiveCaptureTest {

  /**
   * AES-GCM, ChaCha20-Poly1305 and AES-CBC with HMAC, over X25519 and P-256, with PSKs; ECDSA
   * certificates (RFC 7427) with IKE fragmentation (RFC 7383), which covers what the unfragmented
   * ecdsa-x25519-cert suite does and SKF reassembly besides. A capture takes about 3 s on an idle
   * machine and up to 12 s on a loaded one: four keep the class under a minute.
   */
  static final List<String> SUITES =
      List.of("aesgcm-x25519-psk", "chacha-x25519-psk", "cbc-ecp256-psk", "ecdsa-x25519-cert-frag");

  private static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(30);

  private static Path script;

  @BeforeAll
  static void requireTools() {
    HostTools.requireRoot();
    List<String> tools =
        List.of("bash", "charon", "swanctl", "ip", "unshare", "dumpcap", "tshark", "ping", "flock");
    tools.forEach(HostTools::require);
    script = captureScript();
  }

  @ParameterizedTest
  @FieldSource("SUITES")
  void freshCaptureIsReproducedByOurCode(String suite, @TempDir Path dir) {
    Path out = dir.resolve(suite);
    long started = System.nanoTime();
    HostTools.Result capture =
        HostTools.run(
            List.of("bash", script.toString(), out.toString(), suite), CAPTURE_TIMEOUT);
    long captured = System.nanoTime();
    assertEquals(0, capture.exitCode(), "capture of " + suite + " failed:\n" + capture.output());

    StrongSwanFixture fresh = StrongSwanFixture.fromDirectory(out);
    assertEquals(suite, fresh.suite());
    assertFalse(
        Arrays.equals(StrongSwanFixture.load(suite).spiI(), fresh.spiI()),
        "a new exchange, not the committed one");
    StrongSwanExchangeCheck.Verified verified = StrongSwanExchangeCheck.verify(fresh);
    long checked = System.nanoTime();

    assertEquals(4, verified.espPackets(), "both pings crossed the CHILD_SA");
    System.out.printf(
        "live %s: capture %d ms, verify %d ms%n  %s%n",
        suite, (captured - started) / 1_000_000, (checked - captured) / 1_000_000, verified);
  }

  /**
   * The script beside this module's sources: surefire passes its path (load-tests/pom.xml);
   * outside Maven, the module directory is the working directory.
   */
  private static Path captureScript() {
    String configured = System.getProperty("iotgw.strongswanCaptureScript");
    Path path =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("basedir", ""), "scripts", "strongswan-capture.sh");
    assertTrue(Files.isRegularFile(path), "capture script not found at " + path.toAbsolutePath());
    return path.toAbsolutePath();
  }
}
