package net.iotgw.radio.serial;

/** A change of a reconnecting link's state, reported once per change by {@link LinkMonitor}. */
public sealed interface LinkEvent {

  LinkAddress address();

  /**
   * The link is open. {@code connection} counts successful opens from 1; above 1 it is a recovery
   * after a loss.
   */
  record Up(LinkAddress address, long connection) implements LinkEvent {}

  /** An open link was lost (read or write error, the peer closed it, the device vanished). */
  record Down(LinkAddress address, String cause) implements LinkEvent {}
}
