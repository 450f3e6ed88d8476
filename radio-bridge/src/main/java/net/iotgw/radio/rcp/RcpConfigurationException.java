package net.iotgw.radio.rcp;

/**
 * The co-processor answers but cannot serve as the configured radio: an incompatible Spinel
 * version, no raw radio capability, or a setting it refuses. Reconnecting will not help, so a
 * {@link RadioLink} fails with it instead of retrying.
 */
public final class RcpConfigurationException extends Exception {
  public RcpConfigurationException(String message) {
    super(message);
  }
}
