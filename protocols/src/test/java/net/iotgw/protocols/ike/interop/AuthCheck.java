package net.iotgw.protocols.ike.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import static net.iotgw.protocols.ike.interop.StrongSwanExchangeCheck.ok;

import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.auth.AuthKeys;
import net.iotgw.protocols.ike.auth.AuthOctets;
import net.iotgw.protocols.ike.auth.DigitalSignatureAuth;
import net.iotgw.protocols.ike.auth.SharedKeyAuth;
import net.iotgw.protocols.ike.auth.SignatureScheme;
import net.iotgw.protocols.ike.codec.AuthPayload;
import net.iotgw.protocols.ike.codec.CertEncoding;
import net.iotgw.protocols.ike.codec.CertPayload;
import net.iotgw.protocols.ike.codec.IdPayload;
import net.iotgw.protocols.ike.codec.IdType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * IKE_AUTH authentication in both directions (RFC 7296 §2.15): our {@link AuthOctets} from the
 * real IKE_SA_INIT messages, the peer's nonce, our SK_p and the ID payload of the decrypted
 * message must equal the octets charon logged; then the AUTH payload must be our {@link
 * SharedKeyAuth} MIC (PSK) or a signature {@link DigitalSignatureAuth} accepts with the key of the
 * CERT payload (RFC 7427), and rejects over altered octets or with the other side's key.
 */
final class AuthCheck {
  private AuthCheck() {}

  /** @return how the two sides authenticated, for the report */
  static String verify(
      StrongSwanFixture f,
      PrfAlgorithm prf,
      IkeSaKeys keys,
      byte[] initRequest,
      byte[] initResponse,
      byte[] ni,
      byte[] nr,
      List<Payload> authRequest,
      List<Payload> authResponse) {
    // The request also carries IDr (the responder the initiator wants): take each side's own.
    IdPayload idI = one(authRequest, IdPayload.class, p -> p.role() == Role.INITIATOR);
    IdPayload idR = one(authResponse, IdPayload.class, p -> p.role() == Role.RESPONDER);
    checkId(idI, f.text("id_i"), f.idIPrime());
    checkId(idR, f.text("id_r"), f.idRPrime());

    byte[] octetsI = AuthOctets.of(initRequest, nr, prf, keys.skPi(), idI.encodeBody());
    byte[] octetsR = AuthOctets.of(initResponse, ni, prf, keys.skPr(), idR.encodeBody());
    assertArrayEquals(f.authIOctets(), octetsI, "initiator's AUTH octets (RFC 7296 §2.15)");
    assertArrayEquals(f.authROctets(), octetsR, "responder's AUTH octets (RFC 7296 §2.15)");

    AuthPayload authI = one(authRequest, AuthPayload.class, p -> true);
    AuthPayload authR = one(authResponse, AuthPayload.class, p -> true);
    assertEquals(f.authIMethod(), authI.method(), "initiator's Auth Method vs log");
    assertEquals(f.authRMethod(), authR.method(), "responder's Auth Method vs log");
    assertArrayEquals(f.authI(), authI.data(), "initiator's AUTH data vs log");
    assertArrayEquals(f.authR(), authR.data(), "responder's AUTH data vs log");
    assertEquals(authI.method(), authR.method(), "both sides use one method in these captures");

    if (authI.method() == SharedKeyAuth.AUTH_METHOD) {
      byte[] psk = f.psk().orElseThrow(() -> new AssertionError("PSK suite without psk"));
      checkSharedKey(prf, psk, "initiator", octetsI, authI.data(), octetsR);
      checkSharedKey(prf, psk, "responder", octetsR, authR.data(), octetsI);
      return "PSK (AUTH method 2)";
    }
    if (authI.method() == DigitalSignatureAuth.AUTH_METHOD) {
      AsymmetricKeyParameter keyI = certificateKey(authRequest, f.text("id_i"));
      AsymmetricKeyParameter keyR = certificateKey(authResponse, f.text("id_r"));
      checkSignature(f.text("auth_i_scheme"), keyI, keyR, octetsI, authI.data());
      checkSignature(f.text("auth_r_scheme"), keyR, keyI, octetsR, authR.data());
      return "ECDSA P-256 certificates (AUTH method 14, RFC 7427)";
    }
    return fail("Auth Method " + authI.method() + " is not one the captures use");
  }

  /** strongSwan's IDs are e-mail addresses: ID_RFC822_ADDR (RFC 7296 §3.5). */
  private static void checkId(IdPayload id, String configured, byte[] loggedBody) {
    assertEquals(IdType.ID_RFC822_ADDR.id(), id.idType(), id + " ID Type");
    assertEquals(configured, new String(id.data(), StandardCharsets.US_ASCII), id + " data");
    assertArrayEquals(loggedBody, id.encodeBody(), id + " RestOfIDPayload vs charon's IDx'");
  }

  private static void checkSharedKey(
      PrfAlgorithm prf, byte[] psk, String side, byte[] octets, byte[] auth, byte[] otherOctets) {
    assertArrayEquals(auth, SharedKeyAuth.compute(prf, psk, octets), side + "'s PSK AUTH");
    assertTrue(SharedKeyAuth.verify(prf, psk, octets, auth), side + "'s PSK AUTH verifies");
    assertFalse(SharedKeyAuth.verify(prf, psk, altered(octets), auth), side + " altered octets");
    assertFalse(SharedKeyAuth.verify(prf, psk, otherOctets, auth), side + " other side's octets");
  }

  private static void checkSignature(
      String loggedScheme,
      AsymmetricKeyParameter signer,
      AsymmetricKeyParameter other,
      byte[] octets,
      byte[] auth) {
    assertEquals("ECDSA_WITH_SHA256_DER", loggedScheme, "charon's signature scheme");
    assertEquals(
        SignatureScheme.ECDSA_P256_SHA256,
        ok(DigitalSignatureAuth.verify(signer, octets, auth), "strongSwan's signature"),
        "strongSwan's RFC 7427 signature verifies with the CERT payload's key");
    assertRejected(DigitalSignatureAuth.verify(signer, altered(octets), auth), "altered octets");
    assertRejected(DigitalSignatureAuth.verify(other, octets, auth), "the other side's key");
  }

  private static void assertRejected(Decoded<SignatureScheme> result, String what) {
    Decoded.Failed<SignatureScheme> failed =
        assertInstanceOf(Decoded.Failed.class, result, "signature accepted with " + what);
    assertEquals(DecodeError.Kind.AUTHENTICATION_FAILED, failed.error().kind(), what);
  }

  /**
   * The public key of the one CERT payload (X.509 signature encoding, RFC 7296 §3.6), which must
   * be the committed test certificate of that identity (certs/README.md: ud.der, cd1.der).
   */
  private static AsymmetricKeyParameter certificateKey(List<Payload> payloads, String id) {
    CertPayload cert = one(payloads, CertPayload.class, p -> true);
    assertEquals(CertEncoding.X509_SIGNATURE.id(), cert.encoding(), "CERT encoding");
    String name = id.substring(0, id.indexOf('@'));
    assertArrayEquals(committedCertificate(name), cert.data(), "CERT payload is " + name + ".der");
    return ok(AuthKeys.publicKeyFromCertificate(cert.data()), "CERT payload's key");
  }

  private static byte[] committedCertificate(String name) {
    String resource = StrongSwanFixture.RESOURCE_ROOT + "certs/" + name + ".der";
    try (InputStream in = StrongSwanFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        return fail("no " + resource + " on the test class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The octets with the last bit of the prf(SK_p, ID') part flipped. */
  private static byte[] altered(byte[] octets) {
    byte[] out = octets.clone();
    out[out.length - 1] ^= 1;
    return out;
  }

  private static <T extends Payload> T one(
      List<Payload> payloads, Class<T> kind, java.util.function.Predicate<T> which) {
    List<T> found = new ArrayList<>();
    for (Payload p : payloads) {
      if (kind.isInstance(p) && which.test(kind.cast(p))) {
        found.add(kind.cast(p));
      }
    }
    assertEquals(1, found.size(), "exactly one such " + kind.getSimpleName() + " in " + payloads);
    return found.get(0);
  }
}
