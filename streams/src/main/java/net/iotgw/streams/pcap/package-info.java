/**
 * Packet captures Wireshark opens: {@link net.iotgw.streams.pcap.PcapWriter} writes the classic
 * libpcap format, {@link net.iotgw.streams.pcap.PcapTap} records what passes a point of the data
 * plane without ever slowing it. The radio side is written as {@link
 * net.iotgw.streams.pcap.LinkType#IEEE802_15_4_WITHFCS} (PSDUs with their FCS), the UCN side as
 * {@link net.iotgw.streams.pcap.LinkType#IPV6}; a {@link net.iotgw.streams.pcap.PcapTap#bidi} in each stack puts both
 * directions of a link in one file, as a capture on an interface would.
 */
package net.iotgw.streams.pcap;
