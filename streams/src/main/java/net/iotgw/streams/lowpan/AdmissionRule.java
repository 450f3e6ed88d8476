package net.iotgw.streams.lowpan;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.sixlowpan.LinkAddress;

/**
 * The enforcement point's rule for whole IPv6 packets (contract-netentry), applied where the
 * packet and its link addresses meet: in {@link IphcLayer}, after decompression inbound and before
 * compression outbound. Frames are secured and verified below, by {@link LinkSecurity}; whether a
 * datagram's frames are to be secured, or all arrived secured, travels between the two as the
 * {@code secured} flag of {@link LowpanDatagram} and {@link FramePayload}.
 *
 * <ul>
 *   <li>Outbound, PANA goes in clear; anything else is secured, so it goes only to a CD with an
 *       installed key ({@link LowpanDrop#NOT_ADMITTED}), never to the broadcast address ({@link
 *       LowpanDrop#NO_GROUP_KEY}).
 *   <li>Inbound, a packet passes unsecured only if it is PANA ({@link LowpanDrop#UNSECURED_DATA});
 *       and a source that is link-local or in the CD prefix must carry the interface identifier of
 *       the frame's link source (RFC 4944 §6, RFC 6282 §3.2.2), else {@link
 *       LowpanDrop#SOURCE_MISMATCH}: a CD speaks only for itself.
 * </ul>
 *
 * In {@link EnforcementMode#OPEN} nothing is secured and everything passes.
 */
final class AdmissionRule {
  private static final int SOURCE_OFFSET = 8;
  private static final int SOURCE_IID_OFFSET = 16;

  private final LowpanConfig config;
  private final LinkKeyTable keys;
  private final boolean enforce;

  AdmissionRule(LowpanConfig config, LinkKeyTable keys) {
    this.config = Objects.requireNonNull(config, "config");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.enforce = config.enforcement() == EnforcementMode.ENFORCE;
  }

  /** Whether the frames of an outbound IPv6 packet are to be secured. */
  boolean securesOutbound(byte[] packet) {
    return enforce && !PanaPackets.carriesPana(packet);
  }

  /** Why a packet whose frames are to be secured may not go to {@code destination}, if so. */
  Optional<LowpanDrop> refusesSecuredTo(LinkAddress destination) {
    if (destination instanceof LinkAddress.Extended e) {
      return keys.isAdmitted(e.eui64()) ? Optional.empty() : Optional.of(LowpanDrop.NOT_ADMITTED);
    }
    LinkAddress.Short s = (LinkAddress.Short) destination;
    // Keys are per EUI-64; a CD known only by a short address has none.
    return Optional.of(
        s.address() == LowpanConfig.BROADCAST ? LowpanDrop.NO_GROUP_KEY : LowpanDrop.NOT_ADMITTED);
  }

  /**
   * Why a decompressed inbound packet is refused, if it is.
   *
   * @param packet an IPv6 packet as decompressed, at least its 40-octet header
   * @param linkSource the link source of the frames that carried it
   * @param secured whether every one of those frames was secured and verified
   */
  Optional<LowpanDrop> refusesInbound(byte[] packet, LinkAddress linkSource, boolean secured) {
    if (!enforce) {
      return Optional.empty();
    }
    if (!secured && !PanaPackets.carriesPana(packet)) {
      return Optional.of(LowpanDrop.UNSECURED_DATA);
    }
    Ipv6Address source = Ipv6Address.fromBytes(packet, SOURCE_OFFSET);
    if (source.isLinkLocalUnicast() || config.cdPrefix().contains(source)) {
      byte[] iid = linkSource.interfaceIdentifier();
      if (!Arrays.equals(packet, SOURCE_IID_OFFSET, SOURCE_IID_OFFSET + 8, iid, 0, 8)) {
        return Optional.of(LowpanDrop.SOURCE_MISMATCH);
      }
    }
    return Optional.empty();
  }
}
