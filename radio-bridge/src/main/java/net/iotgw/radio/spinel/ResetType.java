package net.iotgw.radio.spinel;

import java.util.Optional;

/** The optional {@code C} payload of {@code CMD_RESET} (spinel.h, {@code SPINEL_RESET_*}). */
public enum ResetType {
  PLATFORM(1),
  /** What OpenThread's host sends for a software reset ({@code SpinelDriver::ResetCoprocessor}). */
  STACK(2),
  BOOTLOADER(3);

  private final int id;

  ResetType(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static Optional<ResetType> of(int id) {
    for (ResetType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
