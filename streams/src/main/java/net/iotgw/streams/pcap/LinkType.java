package net.iotgw.streams.pcap;

/**
 * The pcap link-layer header types this gateway writes, with their numbers from the tcpdump.org
 * LINKTYPE registry (draft-ietf-opsawg-pcaplinktype).
 */
public enum LinkType {
  /** Raw IP; the version nibble tells IPv4 from IPv6. */
  RAW(101),
  /** An IEEE 802.15.4 PSDU: the MAC frame followed by its 2-octet FCS. The radio side. */
  IEEE802_15_4_WITHFCS(195),
  /** Raw IPv6 only. The UCN side. */
  IPV6(229),
  /** An IEEE 802.15.4 MAC frame without its FCS, for radios that strip or do not check it. */
  IEEE802_15_4_NOFCS(230);

  private final int id;

  LinkType(int id) {
    this.id = id;
  }

  /** The number in the file header's network field. */
  public int id() {
    return id;
  }
}
