package net.iotgw.protocols.ike.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/** Wire numbers against the IANA IKEv2 registries. */
class RegistryTest {

  private static <E extends Enum<E>> void assertNumbersDistinctAndFound(
      E[] values, ToIntFunction<E> id, IntFunction<Optional<E>> of) {
    Set<Integer> seen = new HashSet<>();
    for (E v : values) {
      assertTrue(seen.add(id.applyAsInt(v)), v + " shares its number");
      assertEquals(Optional.of(v), of.apply(id.applyAsInt(v)));
    }
  }

  @Test
  void everyRegistryMapsNumbersBothWays() {
    assertNumbersDistinctAndFound(ExchangeType.values(), ExchangeType::id, ExchangeType::of);
    assertNumbersDistinctAndFound(PayloadType.values(), PayloadType::id, PayloadType::of);
    assertNumbersDistinctAndFound(NotifyType.values(), NotifyType::id, NotifyType::of);
    assertNumbersDistinctAndFound(IdType.values(), IdType::id, IdType::of);
    assertNumbersDistinctAndFound(AuthMethod.values(), AuthMethod::id, AuthMethod::of);
    assertNumbersDistinctAndFound(CertEncoding.values(), CertEncoding::id, CertEncoding::of);
    assertNumbersDistinctAndFound(TsType.values(), TsType::id, TsType::of);
    assertNumbersDistinctAndFound(ProtocolId.values(), ProtocolId::id, ProtocolId::of);
    assertNumbersDistinctAndFound(ConfigType.values(), ConfigType::id, ConfigType::of);
    assertNumbersDistinctAndFound(
        ConfigAttributeType.values(), ConfigAttributeType::id, ConfigAttributeType::of);
    assertNumbersDistinctAndFound(HashAlgorithm.values(), HashAlgorithm::id, HashAlgorithm::of);
  }

  @Test
  void unknownNumbersAreEmptyRatherThanErrors() {
    assertEquals(Optional.empty(), ExchangeType.of(33));
    assertEquals(Optional.empty(), PayloadType.of(49));
    assertEquals(Optional.empty(), PayloadType.of(-1));
    assertEquals(Optional.empty(), PayloadType.of(256));
    assertEquals(Optional.empty(), NotifyType.of(12345));
    assertEquals(Optional.empty(), HashAlgorithm.of(0));
  }

  @Test
  void exchangeTypes_rfc7296_3_1() {
    assertEquals(34, ExchangeType.IKE_SA_INIT.id());
    assertEquals(35, ExchangeType.IKE_AUTH.id());
    assertEquals(36, ExchangeType.CREATE_CHILD_SA.id());
    assertEquals(37, ExchangeType.INFORMATIONAL.id());
  }

  @Test
  void payloadTypes_rfc7296_3_2_and_rfc7383_2_5() {
    assertEquals(33, PayloadType.SA.id());
    assertEquals(40, PayloadType.NONCE.id());
    assertEquals(46, PayloadType.SK.id());
    assertEquals(48, PayloadType.EAP.id());
    assertEquals(53, PayloadType.SKF.id());
  }

  @Test
  void notifyErrorTypes_rfc7296_3_10_1() {
    assertEquals(1, NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD.id());
    assertEquals(5, NotifyType.INVALID_MAJOR_VERSION.id());
    assertEquals(7, NotifyType.INVALID_SYNTAX.id());
    assertEquals(14, NotifyType.NO_PROPOSAL_CHOSEN.id());
    assertEquals(17, NotifyType.INVALID_KE_PAYLOAD.id());
    assertEquals(24, NotifyType.AUTHENTICATION_FAILED.id());
    assertEquals(38, NotifyType.TS_UNACCEPTABLE.id());
    assertEquals(43, NotifyType.TEMPORARY_FAILURE.id());
    assertEquals(44, NotifyType.CHILD_SA_NOT_FOUND.id());
    assertEquals(47, NotifyType.STATE_NOT_FOUND.id());
  }

  @Test
  void notifyStatusTypesStrongSwanSends() {
    assertEquals(16384, NotifyType.INITIAL_CONTACT.id());
    assertEquals(16388, NotifyType.NAT_DETECTION_SOURCE_IP.id());
    assertEquals(16390, NotifyType.COOKIE.id());
    assertEquals(16391, NotifyType.USE_TRANSPORT_MODE.id());
    assertEquals(16395, NotifyType.NON_FIRST_FRAGMENTS_ALSO.id());
    assertEquals(16396, NotifyType.MOBIKE_SUPPORTED.id());
    assertEquals(16399, NotifyType.NO_ADDITIONAL_ADDRESSES.id());
    assertEquals(16403, NotifyType.AUTH_LIFETIME.id());
    assertEquals(16404, NotifyType.MULTIPLE_AUTH_SUPPORTED.id());
    assertEquals(16406, NotifyType.REDIRECT_SUPPORTED.id());
    assertEquals(16417, NotifyType.EAP_ONLY_AUTHENTICATION.id());
    assertEquals(16420, NotifyType.IKEV2_MESSAGE_ID_SYNC_SUPPORTED.id());
    assertEquals(16430, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED.id());
    assertEquals(16431, NotifyType.SIGNATURE_HASH_ALGORITHMS.id());
    assertEquals(16435, NotifyType.USE_PPK.id());
  }

  @Test
  void notifyTypesBelow16384AreErrors_rfc7296_3_10_1() {
    assertTrue(NotifyType.isError(16383));
    assertFalse(NotifyType.isError(16384));
    assertTrue(NotifyType.TS_UNACCEPTABLE.isError());
    assertFalse(NotifyType.COOKIE.isError());
  }

  @Test
  void identificationAuthAndSelectorTypes_rfc7296() {
    assertEquals(1, IdType.ID_IPV4_ADDR.id());
    assertEquals(5, IdType.ID_IPV6_ADDR.id());
    assertEquals(11, IdType.ID_KEY_ID.id());
    assertEquals(2, AuthMethod.SHARED_KEY_MIC.id());
    assertEquals(14, AuthMethod.DIGITAL_SIGNATURE.id());
    assertEquals(7, TsType.TS_IPV4_ADDR_RANGE.id());
    assertEquals(8, TsType.TS_IPV6_ADDR_RANGE.id());
    assertEquals(3, ProtocolId.ESP.id());
  }

  @Test
  void hashAlgorithms_rfc7427_and_rfc8420() {
    assertEquals(1, HashAlgorithm.SHA1.id());
    assertEquals(2, HashAlgorithm.SHA2_256.id());
    assertEquals(5, HashAlgorithm.IDENTITY.id());
  }
}
