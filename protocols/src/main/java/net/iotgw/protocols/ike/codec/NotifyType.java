package net.iotgw.protocols.ike.codec;

import java.util.Optional;

/**
 * Notify message types (RFC 7296 §3.10.1, IANA "IKEv2 Notify Message Error Types" and "Status
 * Types"). Types below 16384 are errors: an unrecognized one in a response means the request
 * failed; unrecognized status types are ignored (RFC 7296 §3.10.1). A notify's type stays a raw int
 * in {@link NotifyPayload}, so numbers missing here still round-trip.
 */
public enum NotifyType {
  // Error types.
  UNSUPPORTED_CRITICAL_PAYLOAD(1),
  INVALID_IKE_SPI(4),
  INVALID_MAJOR_VERSION(5),
  INVALID_SYNTAX(7),
  INVALID_MESSAGE_ID(9),
  INVALID_SPI(11),
  NO_PROPOSAL_CHOSEN(14),
  INVALID_KE_PAYLOAD(17),
  AUTHENTICATION_FAILED(24),
  SINGLE_PAIR_REQUIRED(34),
  NO_ADDITIONAL_SAS(35),
  INTERNAL_ADDRESS_FAILURE(36),
  FAILED_CP_REQUIRED(37),
  TS_UNACCEPTABLE(38),
  INVALID_SELECTORS(39),
  /** RFC 4555. */
  UNACCEPTABLE_ADDRESSES(40),
  /** RFC 4555. */
  UNEXPECTED_NAT_DETECTED(41),
  /** RFC 5026. */
  USE_ASSIGNED_HOA(42),
  TEMPORARY_FAILURE(43),
  CHILD_SA_NOT_FOUND(44),
  /** G-IKEv2. */
  INVALID_GROUP_ID(45),
  /** G-IKEv2. */
  AUTHORIZATION_FAILED(46),
  /** RFC 9370. */
  STATE_NOT_FOUND(47),
  /** RFC 9611. */
  TS_MAX_QUEUE(48),

  // Status types.
  INITIAL_CONTACT(16384),
  SET_WINDOW_SIZE(16385),
  ADDITIONAL_TS_POSSIBLE(16386),
  IPCOMP_SUPPORTED(16387),
  NAT_DETECTION_SOURCE_IP(16388),
  NAT_DETECTION_DESTINATION_IP(16389),
  COOKIE(16390),
  USE_TRANSPORT_MODE(16391),
  HTTP_CERT_LOOKUP_SUPPORTED(16392),
  REKEY_SA(16393),
  ESP_TFC_PADDING_NOT_SUPPORTED(16394),
  NON_FIRST_FRAGMENTS_ALSO(16395),
  /** RFC 4555 (MOBIKE). */
  MOBIKE_SUPPORTED(16396),
  ADDITIONAL_IP4_ADDRESS(16397),
  ADDITIONAL_IP6_ADDRESS(16398),
  NO_ADDITIONAL_ADDRESSES(16399),
  UPDATE_SA_ADDRESSES(16400),
  COOKIE2(16401),
  NO_NATS_ALLOWED(16402),
  /** RFC 4478. */
  AUTH_LIFETIME(16403),
  /** RFC 4739. */
  MULTIPLE_AUTH_SUPPORTED(16404),
  ANOTHER_AUTH_FOLLOWS(16405),
  /** RFC 5685. */
  REDIRECT_SUPPORTED(16406),
  REDIRECT(16407),
  REDIRECTED_FROM(16408),
  /** RFC 5723. */
  TICKET_LT_OPAQUE(16409),
  TICKET_REQUEST(16410),
  TICKET_ACK(16411),
  TICKET_NACK(16412),
  TICKET_OPAQUE(16413),
  /** RFC 5739. */
  LINK_ID(16414),
  /** RFC 5840. */
  USE_WESP_MODE(16415),
  /** RFC 5857. */
  ROHC_SUPPORTED(16416),
  /** RFC 5998. */
  EAP_ONLY_AUTHENTICATION(16417),
  /** RFC 6023. */
  CHILDLESS_IKEV2_SUPPORTED(16418),
  /** RFC 6290. */
  QUICK_CRASH_DETECTION(16419),
  /** RFC 6311. */
  IKEV2_MESSAGE_ID_SYNC_SUPPORTED(16420),
  IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED(16421),
  IKEV2_MESSAGE_ID_SYNC(16422),
  IPSEC_REPLAY_COUNTER_SYNC(16423),
  /** RFC 6467. */
  SECURE_PASSWORD_METHODS(16424),
  /** RFC 6631. */
  PSK_PERSIST(16425),
  PSK_CONFIRM(16426),
  /** RFC 6867. */
  ERX_SUPPORTED(16427),
  /** 3GPP TS 24.303. */
  IFOM_CAPABILITY(16428),
  SENDER_REQUEST_ID(16429),
  /** RFC 7383. */
  IKEV2_FRAGMENTATION_SUPPORTED(16430),
  /** RFC 7427: the data is a list of 2-octet {@link HashAlgorithm} numbers. */
  SIGNATURE_HASH_ALGORITHMS(16431),
  /** RFC 7791. */
  CLONE_IKE_SA_SUPPORTED(16432),
  CLONE_IKE_SA(16433),
  /** RFC 8019. */
  PUZZLE(16434),
  /** RFC 8784. */
  USE_PPK(16435),
  PPK_IDENTITY(16436),
  NO_PPK_AUTH(16437),
  /** RFC 9242. */
  INTERMEDIATE_EXCHANGE_SUPPORTED(16438),
  /** RFC 8983. */
  IP4_ALLOWED(16439),
  IP6_ALLOWED(16440),
  /** RFC 9370. */
  ADDITIONAL_KEY_EXCHANGE(16441),
  /** RFC 9347. */
  USE_AGGFRAG(16442),
  /** RFC 9593. */
  SUPPORTED_AUTH_METHODS(16443),
  /** RFC 9611. */
  SA_RESOURCE_INFO(16444);

  /** Types from here up are status types; below are error types (RFC 7296 §3.10.1). */
  public static final int FIRST_STATUS_TYPE = 16384;

  private final int id;

  NotifyType(int id) {
    this.id = id;
  }

  /** The IANA number on the wire. */
  public int id() {
    return id;
  }

  public boolean isError() {
    return isError(id);
  }

  /** Whether a wire number, known or not, is in the error range (RFC 7296 §3.10.1). */
  public static boolean isError(int type) {
    return type < FIRST_STATUS_TYPE;
  }

  /** The known value for a wire number; empty for other numbers (kept as raw ints). */
  public static Optional<NotifyType> of(int id) {
    for (NotifyType v : values()) {
      if (v.id == id) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
