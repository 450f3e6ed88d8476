package net.iotgw.radio.rcp;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing and buffer limits of the host driver.
 *
 * @param resetTimeout how long to wait for the reset reason after CMD_RESET before resending it
 * @param requestTimeout how long to wait for the reply to one bring-up request
 * @param bringUpAttempts consecutive failed resets or bring-ups before the link is given up and
 *     reopened (a silent RCP is treated like a lost one)
 * @param transmitTimeout how long a transmit may wait for its LAST_STATUS before its TID is
 *     released and the frame counted as lost (OpenThread's host waits 5 s,
 *     OPENTHREAD_SPINEL_CONFIG_RCP_TX_WAIT_TIME_SECS)
 * @param receiveBuffer received frames held while downstream is slow; beyond it they are dropped
 *     and counted (the RCP cannot be backpressured without also delaying transmit completions)
 */
public record RcpSettings(
    Duration resetTimeout,
    Duration requestTimeout,
    int bringUpAttempts,
    Duration transmitTimeout,
    int receiveBuffer) {

  public RcpSettings {
    Objects.requireNonNull(resetTimeout);
    Objects.requireNonNull(requestTimeout);
    Objects.requireNonNull(transmitTimeout);
    if (bringUpAttempts < 1) {
      throw new IllegalArgumentException("bringUpAttempts must be at least 1");
    }
    if (receiveBuffer < 1) {
      throw new IllegalArgumentException("receiveBuffer must be at least 1");
    }
  }

  public static RcpSettings defaults() {
    return new RcpSettings(
        Duration.ofSeconds(2), Duration.ofSeconds(1), 3, Duration.ofSeconds(5), 64);
  }

  public RcpSettings withTransmitTimeout(Duration timeout) {
    return new RcpSettings(resetTimeout, requestTimeout, bringUpAttempts, timeout, receiveBuffer);
  }

  public RcpSettings withReceiveBuffer(int frames) {
    return new RcpSettings(resetTimeout, requestTimeout, bringUpAttempts, transmitTimeout, frames);
  }

  public RcpSettings withTimeouts(Duration reset, Duration request) {
    return new RcpSettings(reset, request, bringUpAttempts, transmitTimeout, receiveBuffer);
  }
}
