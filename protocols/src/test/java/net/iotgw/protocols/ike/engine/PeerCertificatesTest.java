package net.iotgw.protocols.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.iotgw.protocols.ike.codec.CertEncoding;
import net.iotgw.protocols.ike.codec.CertPayload;
import net.iotgw.protocols.ike.engine.TestPki.KeyType;
import net.iotgw.protocols.ike.engine.TestPki.Party;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/** Chain, validity and identity checks of a peer's CERT payloads (RFC 7296 §3.6, RFC 4945). */
class PeerCertificatesTest {
  private final TestPki pki = new TestPki(Conversation.seeded(131));
  private final Party ca = pki.ca("iotgw test CA", KeyType.P256);
  private final Party ud = pki.endEntity(ca, "ud@example.org", KeyType.ED25519);

  private static CertPayload cert(Party p) {
    return new CertPayload(CertEncoding.X509_SIGNATURE.id(), p.der());
  }

  private Decoded<?> check(List<CertPayload> certs, Identity id, long now) {
    return PeerCertificates.validate(certs, id, List.of(ca.cert()), now);
  }

  @Test
  void acceptsTheEndEntityUnderTheAnchorAtAnyTimeInsideBothValidityPeriods() {
    assertTrue(check(List.of(cert(ud)), TestProfiles.UD, TestPki.NOW).isOk());
    assertTrue(check(List.of(cert(ud)), Identity.rfc822("UD@Example.ORG"), TestPki.NOW).isOk(),
        "email addresses compare without case");
    assertFalse(check(List.of(cert(ud)), TestProfiles.UD, TestPki.NOT_BEFORE - 1).isOk());
    assertFalse(check(List.of(cert(ud)), TestProfiles.UD, TestPki.NOT_AFTER + 1).isOk());
  }

  @Test
  void theIdentityMustBeTheCertificatesSubjectAltNameOrSubjectDn() throws Exception {
    assertFalse(check(List.of(cert(ud)), Identity.fqdn("ud@example.org"), TestPki.NOW).isOk());
    assertFalse(check(List.of(cert(ud)), Identity.ipv6(Conversation.UD_ADDRESS.getAddress()),
        TestPki.NOW).isOk());
    Identity dn = Identity.derDn(ud.cert().getSubject().getEncoded());
    assertTrue(check(List.of(cert(ud)), dn, TestPki.NOW).isOk());
  }

  @Test
  void garbageAndMissingCertificatesAreAuthenticationFailures() {
    Decoded<?> none = check(List.of(), TestProfiles.UD, TestPki.NOW);
    assertEquals(DecodeError.Kind.AUTHENTICATION_FAILED, ((Decoded.Failed<?>) none).error().kind());
    assertFalse(check(List.of(new CertPayload(4, new byte[] {0x30, 0x03, 1, 2, 3})),
        TestProfiles.UD, TestPki.NOW).isOk());
    assertFalse(check(List.of(new CertPayload(CertEncoding.RAW_PUBLIC_KEY.id(), ud.der())),
        TestProfiles.UD, TestPki.NOW).isOk(), "only X.509 certificates count");
  }

  @Test
  void anEndEntityCannotActAsAnIntermediate() {
    Party fake = pki.endEntity(ud, "ud2@example.org", KeyType.P256);
    assertFalse(check(List.of(cert(fake), cert(ud)), Identity.rfc822("ud2@example.org"),
        TestPki.NOW).isOk());
  }
}
