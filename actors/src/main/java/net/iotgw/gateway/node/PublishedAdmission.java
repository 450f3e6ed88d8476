package net.iotgw.gateway.node;

import java.util.Objects;
import java.util.function.LongPredicate;
import net.iotgw.gateway.device.LinkAdmission;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.streams.esp.IkeOffloadTable;
import net.iotgw.streams.lowpan.LinkKeyTable;

/**
 * A Device's admission as the data plane reads it: the CD's link key at the enforcement point
 * and, for a CD with an IKE profile, its address in the {@link IkeOffloadTable} (the gateway
 * answers its IKE and routes its ESP by SA). Both follow admission: published when the CD is
 * admitted, withdrawn when it is no longer. A CD without an IKE profile runs IKEv2 itself: its
 * IKE and ESP pass through the gateway as data.
 *
 * <p>The CD's address is the one its IKE reaches: the CD prefix and the interface identifier of
 * its EUI-64 (RFC 4944 §6, the U/L bit inverted), as {@link net.iotgw.gateway.ike.IkeProfiles}
 * names the CD in its profile.
 */
final class PublishedAdmission implements LinkAdmission {
  private final LinkKeyTable keys;
  private final IkeOffloadTable ikeOffload;
  private final LongPredicate hasIkeProfile;
  private final Ipv6Prefix cdPrefix;

  PublishedAdmission(
      LinkKeyTable keys, IkeOffloadTable ikeOffload, LongPredicate hasIkeProfile,
      Ipv6Prefix cdPrefix) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.ikeOffload = Objects.requireNonNull(ikeOffload, "ikeOffload");
    this.hasIkeProfile = Objects.requireNonNull(hasIkeProfile, "hasIkeProfile");
    this.cdPrefix = Objects.requireNonNull(cdPrefix, "cdPrefix");
  }

  @Override
  public void admit(long eui64, LinkKey key) {
    try {
      keys.install(eui64, key);
    } finally {
      key.destroy(); // the table keeps its own copy
    }
    if (hasIkeProfile.test(eui64)) {
      ikeOffload.offload(address(eui64));
    }
  }

  @Override
  public void admitWithoutLink(long eui64) {
    if (hasIkeProfile.test(eui64)) {
      ikeOffload.offload(address(eui64));
    }
  }

  @Override
  public void revoke(long eui64) {
    ikeOffload.release(address(eui64));
    keys.remove(eui64);
  }

  private Ipv6Address address(long eui64) {
    return Ipv6Address.of(cdPrefix.address(), eui64 ^ 0x0200_0000_0000_0000L);
  }
}
