package net.iotgw.protocols.ieee802154.security;

import net.iotgw.protocols.ieee802154.Address;

/**
 * What a receiver knows about the sender of a secured frame: its extended address (the CCM* nonce
 * needs it even when the frame carries a short source address), the key they share, and the replay
 * state under that key (IEEE 802.15.4-2006 §7.6.1, DeviceDescriptor and KeyDescriptor).
 *
 * @param extended the sender's extended address
 * @param key the link key; owned by the caller
 * @param replay the highest frame counter accepted from this sender under this key
 */
public record PeerKey(Address.Extended extended, LinkKey key, ReplayState replay) {}
