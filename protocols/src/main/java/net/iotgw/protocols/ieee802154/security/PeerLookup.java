package net.iotgw.protocols.ieee802154.security;

import java.util.Optional;
import net.iotgw.protocols.ieee802154.MacHeader;

/**
 * Finds the sender of a received secured frame from its MAC header: the source address (and PAN),
 * and the key identifier of its auxiliary security header. Empty means an unknown device, whose
 * frame is dropped (IEEE 802.15.4-2006 §7.5.8.2.3, UNAVAILABLE_KEY).
 */
@FunctionalInterface
public interface PeerLookup {
  Optional<PeerKey> find(MacHeader header);
}
