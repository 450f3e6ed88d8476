package net.iotgw.gateway.device;

import net.iotgw.protocols.ieee802154.security.LinkKey;

/**
 * The enforcement point as the control plane sees it (ARCHITECTURE, "Network entry"): a Device
 * admits its CD by installing the CD's 802.15.4 key, and revokes it by removing the key. The data
 * plane's link-security stage reads what is installed; the call never blocks.
 */
public interface LinkAdmission {
  /** From now on the CD's frames must verify under {@code key}; replaces any earlier key. */
  void admit(long eui64, LinkKey key);

  /**
   * For measurement only ({@link MeasuredCds}): the CD counts as admitted for IKE (its IKE is
   * answered as the CD's) without any link key, since no frame of it ever crosses the radio.
   */
  void admitWithoutLink(long eui64);

  /** From now on only the CD's PANA frames pass. */
  void revoke(long eui64);
}
