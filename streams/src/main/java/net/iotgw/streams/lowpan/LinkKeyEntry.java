package net.iotgw.streams.lowpan;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ieee802154.security.FrameProtection;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ieee802154.security.OutgoingFrameCounter;
import net.iotgw.protocols.ieee802154.security.PeerKey;
import net.iotgw.protocols.ieee802154.security.ReplayState;
import net.iotgw.protocols.ieee802154.security.Unprotected;

/**
 * One admitted CD in the {@link LinkKeyTable}: its key (the table's own copy), the frame counter of
 * the next frame we send it and the highest counter accepted from it (IEEE 802.15.4-2006 §7.6.1,
 * KeyDescriptor and DeviceDescriptor). Both counters start afresh with the entry, so a new key
 * always starts at 0.
 *
 * <p>Written from three threads: the outbound stage advances the outgoing counter, the inbound
 * stage the replay state, the control plane destroys the key when it removes or replaces the
 * entry. Each operation holds this entry's lock for one frame's CCM*, so a key is never destroyed
 * while a frame is being sealed or opened with it; nothing else is shared between devices.
 */
final class LinkKeyEntry {
  private final Address.Extended device;
  private final LinkKey key;
  private OutgoingFrameCounter outgoing = OutgoingFrameCounter.initial();
  private ReplayState replay = ReplayState.fresh();

  private LinkKeyEntry(Address.Extended device, LinkKey key) {
    this.device = device;
    this.key = key;
  }

  /** An entry with its own copy of {@code key}; the caller keeps {@code key}. */
  static LinkKeyEntry copyOf(long eui64, LinkKey key) {
    byte[] k = key.bytes();
    try {
      return new LinkKeyEntry(new Address.Extended(eui64), LinkKey.of(k));
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** What became of a frame to secure. */
  sealed interface Sealing {}

  /** The secured frame, to send. */
  record Sealed(MacFrame frame) implements Sealing {}

  /** Not secured, and not to be sent. */
  record Refused(LowpanDrop reason) implements Sealing {}

  /**
   * Secures {@code frame} to this device under the next frame counter, which it spends (Key Id
   * Mode 0: the key is implied by the pair of devices, contract-netentry).
   */
  synchronized Sealing seal(MacFrame frame, Address.Extended us, SecurityLevel level) {
    if (key.isDestroyed()) {
      return new Refused(LowpanDrop.NOT_ADMITTED); // removed while the frame was on its way
    }
    if (outgoing.exhausted()) {
      return new Refused(LowpanDrop.COUNTER_EXHAUSTED);
    }
    AuxSecurityHeader aux = AuxSecurityHeader.implicitKey(level, outgoing.value());
    MacFrame sealed = FrameProtection.secure(frame, us, key, aux);
    outgoing = outgoing.next();
    return new Sealed(sealed);
  }

  /**
   * Verifies and decrypts a secured frame from this device, and advances the replay state only if
   * it is authentic and fresh (2006 §7.5.8.2.3).
   */
  synchronized Unprotected open(MacFrame frame, SecurityLevel level) {
    if (key.isDestroyed()) {
      return new Unprotected.Rejected(
          Unprotected.Reason.UNKNOWN_DEVICE, "key of " + device + " removed");
    }
    Unprotected u =
        FrameProtection.unprotect(
            frame, level, header -> Optional.of(new PeerKey(device, key, replay)));
    if (u instanceof Unprotected.Accepted a) {
      replay = a.replay();
    }
    return u;
  }

  /** Whether {@code other} holds the same key octets (compared in constant time). */
  synchronized boolean sameKeyAs(LinkKeyEntry other) {
    if (key.isDestroyed()) {
      return false;
    }
    byte[] mine = key.bytes();
    byte[] theirs = other.key.bytes();
    try {
      return MessageDigest.isEqual(mine, theirs);
    } finally {
      Arrays.fill(mine, (byte) 0);
      Arrays.fill(theirs, (byte) 0);
    }
  }

  /** Zeroes the key: every later {@link #seal} or {@link #open} refuses. */
  synchronized void destroy() {
    key.destroy();
  }

  synchronized long nextOutgoingCounter() {
    return outgoing.value();
  }

  Address.Extended device() {
    return device;
  }

  @Override
  public String toString() {
    return "LinkKeyEntry[" + device + ", " + key + "]";
  }
}
