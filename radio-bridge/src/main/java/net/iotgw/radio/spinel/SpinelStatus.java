package net.iotgw.radio.spinel;

import java.util.Optional;

/**
 * Values of {@code PROP_LAST_STATUS} (spinel.h, enum {@code SPINEL_STATUS_*}). A status outside
 * this list (vendor, stack-native, experimental ranges) stays a plain integer in {@link
 * PropertyValue.LastStatus#code()}.
 */
public enum SpinelStatus {
  OK(0),
  FAILURE(1),
  UNIMPLEMENTED(2),
  INVALID_ARGUMENT(3),
  INVALID_STATE(4),
  INVALID_COMMAND(5),
  INVALID_INTERFACE(6),
  INTERNAL_ERROR(7),
  SECURITY_ERROR(8),
  PARSE_ERROR(9),
  IN_PROGRESS(10),
  NOMEM(11),
  BUSY(12),
  PROP_NOT_FOUND(13),
  DROPPED(14),
  EMPTY(15),
  CMD_TOO_BIG(16),
  /** Transmit completion: the frame asked for an ACK and none came. */
  NO_ACK(17),
  /** Transmit completion: CSMA-CA gave up, the channel stayed busy. */
  CCA_FAILURE(18),
  ALREADY(19),
  ITEM_NOT_FOUND(20),
  INVALID_COMMAND_FOR_PROP(21),
  UNKNOWN_NEIGHBOR(22),
  NOT_CAPABLE(23),
  RESPONSE_TIMEOUT(24),
  SWITCHOVER_DONE(25),
  SWITCHOVER_FAILED(26),
  JOIN_FAILURE(104),
  JOIN_SECURITY(105),
  JOIN_NO_PEERS(106),
  JOIN_INCOMPATIBLE(107),
  JOIN_RSP_TIMEOUT(108),
  JOIN_SUCCESS(109),
  /** SPINEL_STATUS_RESET__BEGIN + 0: the reset reasons, sent unsolicited after a reset. */
  RESET_POWER_ON(112),
  RESET_EXTERNAL(113),
  /** What an RCP reports after a {@code CMD_RESET} (spinel.h, SPINEL_CMD_RESET). */
  RESET_SOFTWARE(114),
  RESET_FAULT(115),
  RESET_CRASH(116),
  RESET_ASSERT(117),
  RESET_OTHER(118),
  RESET_UNKNOWN(119),
  RESET_WATCHDOG(120);

  private final int code;

  SpinelStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<SpinelStatus> of(int code) {
    for (SpinelStatus s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** True for the SPINEL_STATUS_RESET__BEGIN..RESET__END range (112..127), known or not. */
  public static boolean isResetReason(int code) {
    return code >= 112 && code < 128;
  }
}
