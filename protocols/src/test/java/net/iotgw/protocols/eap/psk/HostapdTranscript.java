package net.iotgw.protocols.eap.psk;

import java.util.HexFormat;

/**
 * One EAP-PSK exchange captured on 2026-11-25 between hostapd 2.10 (Debian 12, integrated RADIUS
 * server, {@code hostapd -ddd -K}) and eapol_test 2.10 as the peer, with the recipe of
 * shared/interop/hostapd-radius.md and {@code server_id=gw.iot.example}. The EAP packets are the
 * "EAP data" hexdumps of hostapd's log; the keys are its -K key dumps, identical on both sides
 * (eapol_test: "MPPE keys OK: 1 mismatch: 0").
 */
final class HostapdTranscript {
  private HostapdTranscript() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static final byte[] PSK = hex("000102030405060708090a0b0c0d0e0f");
  static final byte[] ID_P = "cd1@iot.example".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  static final byte[] ID_S = "gw.iot.example".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  static final byte[] RAND_S = hex("9d89486a94e550e935bca705dd073b02");
  static final byte[] RAND_P = hex("87372014efd260f0da7b496c7b7cb4e0");

  static final byte[] AK = hex("18b62d2c84c5e4571afc41a29db71f4d");
  static final byte[] KDK = hex("97b7043500850283639246 12565b9b0d");
  static final byte[] TEK = hex("da7562a9ec42df0933d188aa804f9dfe");
  static final byte[] MSK =
      hex(
          "4e2abf094385ab0a527d7bce8d63f367b571ab55fabb6f65db13f43f41b074de"
              + "3a1eb20286eff7bbc1fa1da4bbe8240d4831f02c39120e8426ee5a1d6c227f30");
  static final byte[] EMSK =
      hex(
          "86ecf3b0d3dfc45bf654f8706e227668d9384c607ff0eafefc8d7daccc fe20ac"
              + "45525a93a4ed7841433e2a5bf3e1804bce21d81c528516dfbc8bcc072712e431");
  static final byte[] MAC_P = hex("273842d796e8dde6989f64fe82006391");
  static final byte[] MAC_S = hex("93811c58bb5a14d7560a01a8854185b2");

  /** Request, identifier 18, T=0. */
  static final byte[] MESSAGE_1 =
      hex("01120024 2f00 9d89486a94e550e935bca705dd073b02 67772e696f742e6578616d706c65");
  /** Response, identifier 18, T=1. */
  static final byte[] MESSAGE_2 =
      hex(
          "02120045 2f40 9d89486a94e550e935bca705dd073b02 87372014efd260f0da7b496c7b7cb4e0"
              + " 273842d796e8dde6989f64fe82006391 63643140696f742e6578616d706c65");
  /** Request, identifier 19, T=2: PCHANNEL N=0, tag, R=DONE_SUCCESS. */
  static final byte[] MESSAGE_3 =
      hex(
          "0113003b 2f80 9d89486a94e550e935bca705dd073b02 93811c58bb5a14d7560a01a8854185b2"
              + " 00000000 cae10270f2d0bd958c2b400e0054ce5b 45");
  /** Response, identifier 19, T=3: PCHANNEL N=1, tag, R=DONE_SUCCESS. */
  static final byte[] MESSAGE_4 =
      hex(
          "0213002b 2fc0 9d89486a94e550e935bca705dd073b02"
              + " 00000001 d75d49a9795a136fba4f7fb56a441453 6a");
  static final byte[] SUCCESS = hex("03130004");
}
