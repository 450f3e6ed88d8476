package net.iotgw.load.interop;

import net.iotgw.testing.HostTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaAuth;
import net.iotgw.protocols.pana.PanaAuthKey;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaEncrKey;
import net.iotgw.protocols.pana.PanaEncryption;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;
import org.junit.jupiter.api.Test;

/**
 * Wireshark's PANA dissector (RFC 5191, UDP 716) as a second opinion on our encoder: a PCI, the
 * PAR/PAN pairs of an authentication, a ping and a termination go into a pcap made by text2pcap,
 * and {@code tshark -V} must read each as PANA with the type, flags and AVPs we wrote (this
 * tshark prints the Flags field as a number, without naming the bits), and find
 * nothing malformed. RFC 6786's Encryption-Algorithm and Encryption-Encap AVPs are among them:
 * negotiated in the S exchange, and a delivery PNR whose Encryption-Encap tshark shows as the
 * ciphertext we sealed; as do the PNR and PNA with the A flag of a re-authentication. A negative control proves that a bad AVP length does make it complain. The
 * pcaps and tshark's text stay in load-tests/target/tshark/.
 */
class TsharkDissectsOurPanaTest {
  private static final Path OUT = Path.of("target", "tshark");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern FRAME_START = Pattern.compile("(?m)^Frame \\d+: ");
  private static final long SESSION = 0x0a0b0c0dL;
  private static final byte[] NONCE = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
  private static final byte[] EAP_IDENTITY_REQUEST = {1, 1, 0, 5, 1};
  private static final byte[] EAP_SUCCESS = {3, 2, 0, 4};

  record Case(byte[] wire, List<String> expected) {}

  private static List<Case> conversation() {
    PanaAuthKey key = PanaAuthKey.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, new byte[32]);
    int r = PanaHeader.FLAG_R;
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            PanaCodec.encode(message(0, PanaMessageType.CLIENT_INITIATION, 0, 0)),
            List.of("PANA Message Type: PANA-Client-Initiation-Answer (1)")));
    cases.add(
        new Case(
            PanaCodec.encode(
                message(
                    r | PanaHeader.FLAG_S,
                    PanaMessageType.AUTH,
                    SESSION,
                    1,
                    new Avp.EapPayload(EAP_IDENTITY_REQUEST),
                    new Avp.PrfAlgorithm(5),
                    new Avp.IntegrityAlgorithm(12),
                    new Avp.EncryptionAlgorithm(1))),
            List.of(
                "PANA Message Type: PANA-Auth-Request (2)",
                "Flags: 0xc000",
                "Type: Identity (1)",
                "PRF-Algorithm AVP (Unsigned32)",
                "Integrity-Algorithm AVP (Unsigned32)",
                "Encryption-Algorithm (Unsigned32) length: 12 bytes",
                "AVP Code: Encryption-Algorithm (13)")));
    cases.add(
        new Case(
            PanaCodec.encode(
                message(
                    PanaHeader.FLAG_S,
                    PanaMessageType.AUTH,
                    SESSION,
                    1,
                    new Avp.PrfAlgorithm(5),
                    new Avp.IntegrityAlgorithm(12),
                    new Avp.EncryptionAlgorithm(1))),
            List.of("PANA Message Type: PANA-Auth-Answer (2)", "Flags: 0x4000", "[Request In: 2]",
                "Encryption-Algorithm (Unsigned32)")));
    cases.add(
        new Case(
            PanaAuth.sign(
                message(
                    r | PanaHeader.FLAG_C,
                    PanaMessageType.AUTH,
                    SESSION,
                    2,
                    new Avp.EapPayload(EAP_SUCCESS),
                    new Avp.Nonce(NONCE),
                    new Avp.ResultCode(Avp.ResultCode.PANA_SUCCESS),
                    new Avp.SessionLifetime(3600),
                    new Avp.KeyId(1)),
                key),
            List.of(
                "Flags: 0xa000",
                "Code: Success (3)",
                "Nonce AVP (OctetString)",
                "Result-Code",
                "Value: 0x00000e10",
                "Key-Id AVP (Integer32)",
                "AUTH AVP (OctetString) length: 24 bytes")));
    cases.add(
        new Case(
            PanaAuth.sign(message(r | PanaHeader.FLAG_P, PanaMessageType.NOTIFICATION, SESSION, 3), key),
            List.of("PANA Message Type: PANA-Notification-Request (4)", "Flags: 0x8800")));
    cases.add(
        new Case(
            PanaAuth.sign(
                message(
                    r,
                    PanaMessageType.TERMINATION,
                    SESSION,
                    4,
                    new Avp.TerminationCause(Avp.TerminationCause.LOGOUT)),
                key),
            List.of(
                "PANA Message Type: PANA-Termination-Request (3)",
                "Flags: 0x8000",
                "Termination-Cause (Enumerated) length: 12 bytes")));
    try (PanaEncrKey encr = PanaEncrKey.of(PanaEncryptionAlgorithm.AES128_CTR, 1, new byte[16],
        HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"))) {
      Avp.EncrEncap sealed = PanaEncryption.seal(encr, PanaEncrKey.Sender.PAA, SESSION, 5,
          List.of(new Avp.Unknown(1, PanaCodec.AVP_FLAG_V, 32473, new byte[21])));
      cases.add(
          new Case(
              PanaAuth.sign(message(r, PanaMessageType.NOTIFICATION, SESSION, 5, sealed), key),
              List.of(
                  "PANA Message Type: PANA-Notification-Request (4)",
                  "Flags: 0x8000",
                  "Encryption-Encap (OctetString) length: " + (8 + sealed.encrypted().length) + " bytes",
                  "AVP Code: Encryption-Encap (12)",
                  "Value: " + HexFormat.of().formatHex(sealed.encrypted()),
                  "AUTH AVP (OctetString)")));
    }
    cases.add(
        new Case(
            PanaAuth.sign(message(r | PanaHeader.FLAG_A, PanaMessageType.NOTIFICATION, SESSION, 6), key),
            List.of("PANA-Notification-Request (4)", "Flags: 0x9000")));
    cases.add(
        new Case(
            PanaAuth.sign(message(PanaHeader.FLAG_A, PanaMessageType.NOTIFICATION, SESSION, 6), key),
            List.of("PANA-Notification-Answer (4)", "Flags: 0x1000")));
    key.close();
    return cases;
  }

  private static PanaMessage message(int flags, PanaMessageType type, long session, long seq, Avp... avps) {
    return new PanaMessage(new PanaHeader(flags, type, session, seq), List.of(avps));
  }

  @Test
  void tsharkDissectsEveryMessageAsPanaWithoutComplaint_rfc5191() throws IOException {
    List<Case> cases = conversation();
    List<String> frames = dissect("our-pana", cases.stream().map(Case::wire).toList());
    assertEquals(cases.size(), frames.size(), "frames in the pcap");
    for (int i = 0; i < cases.size(); i++) {
      String frame = frames.get(i);
      assertEquals(List.of(), TsharkDissectsOurIkeTest.complaints(frame), "frame " + (i + 1));
      assertTrue(frame.contains("[Protocols in frame: eth:ethertype:ip:udp:pana"), frame);
      assertTrue(
          frame.contains("PANA Message Length: " + cases.get(i).wire().length), frame);
      for (String line : cases.get(i).expected()) {
        assertTrue(frame.contains(line), () -> "lacks \"" + line + "\":\n" + frame);
      }
    }
  }

  @Test
  void tsharkComplainsWhenAnAvpClaimsMoreThanTheMessageHolds() throws IOException {
    byte[] wire =
        PanaCodec.encode(
            message(
                PanaHeader.FLAG_S,
                PanaMessageType.AUTH,
                SESSION,
                1,
                new Avp.PrfAlgorithm(5),
                new Avp.Nonce(NONCE)));
    wire[16 + 12 + 5] += 24; // the Nonce's AVP Length
    List<String> frames = dissect("corrupted-pana", List.of(wire));
    assertEquals(1, frames.size());
    assertTrue(
        TsharkDissectsOurIkeTest.complaints(frames.get(0)).stream()
            .anyMatch(c -> c.startsWith("[Expert Info (Error/Malformed)")),
        frames.get(0));
  }

  /** Writes target/tshark/NAME.pcap through text2pcap (UDP 716 both ways), runs tshark -V. */
  private static List<String> dissect(String name, List<byte[]> datagrams) throws IOException {
    Files.createDirectories(OUT);
    StringBuilder hex = new StringBuilder();
    for (byte[] d : datagrams) {
      hex.append("000000");
      for (byte b : d) {
        hex.append(' ').append(String.format("%02x", b & 0xff));
      }
      hex.append('\n');
    }
    Path text = OUT.resolve(name + ".hex");
    Path pcap = OUT.resolve(name + ".pcap");
    Files.writeString(text, hex);
    HostTools.Result made =
        HostTools.run(
            List.of(
                HostTools.require("text2pcap").toString(),
                "-q",
                "-u",
                "716,716",
                text.toString(),
                pcap.toString()),
            TIMEOUT);
    assertEquals(0, made.exitCode(), made::output);
    HostTools.Result result =
        HostTools.run(
            List.of(
                HostTools.require("tshark").toString(),
                "-r",
                pcap.toString(),
                "-V",
                "-o",
                "udp.check_checksum:TRUE"),
            TIMEOUT);
    Files.writeString(OUT.resolve(name + ".txt"), result.output());
    assertEquals(0, result.exitCode(), result::output);
    List<String> frames = new ArrayList<>();
    Matcher m = FRAME_START.matcher(result.output());
    int start = -1;
    while (m.find()) {
      if (start >= 0) {
        frames.add(result.output().substring(start, m.start()));
      }
      start = m.start();
    }
    if (start >= 0) {
      frames.add(result.output().substring(start));
    }
    return frames;
  }
}
