package net.iotgw.protocols.ike.engine;

import static net.iotgw.protocols.ike.engine.Conversation.Side.INITIATOR;
import static net.iotgw.protocols.ike.engine.Conversation.Side.RESPONDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import org.junit.jupiter.api.Test;

/** Keys for Wireshark's IKEv2 decryption table, only when the configuration asks for them. */
class DebugKeysTest {

  private static Conversation run(TestSuite suite, boolean debug) {
    Conversation c = TestProfiles.pskConversation(suite, 101);
    c = new Conversation(c.initiatorConfig.withDebugKeys(debug),
        c.responderConfig.withDebugKeys(debug), 101);
    c.start(Optional.of(TestProfiles.CD));
    c.run();
    return c;
  }

  @Test
  void noDebugKeysUnlessConfigured() {
    Conversation c = run(TestSuite.AES_GCM_16_X25519, false);
    assertTrue(c.outputs(INITIATOR, IkeOutput.KeysForDebug.class).isEmpty());
    assertTrue(c.outputs(RESPONDER, IkeOutput.KeysForDebug.class).isEmpty());
  }

  @Test
  void bothSidesReportTheSameWiresharkRecordWithPacketIsakmpsAlgorithmNames() {
    Conversation c = run(TestSuite.AES_CBC_256_SHA256_ECP256, true);
    DebugKeys i = c.only(INITIATOR, IkeOutput.KeysForDebug.class).keys();
    DebugKeys r = c.only(RESPONDER, IkeOutput.KeysForDebug.class).keys();
    assertEquals(i.wiresharkRecord(), r.wiresharkRecord());
    IkeSaKeys keys = ((IkeState.Established) c.responder).sa().keys();
    HexFormat hex = HexFormat.of();
    IkeSa sa = ((IkeState.Established) c.responder).sa();
    assertEquals(String.join(",", hex.toHexDigits(sa.spiI()), hex.toHexDigits(sa.spiR()),
            hex.formatHex(keys.skEi()), hex.formatHex(keys.skEr()), "\"AES-CBC-256 [RFC3602]\"",
            hex.formatHex(keys.skAi()), hex.formatHex(keys.skAr()),
            "\"HMAC_SHA2_256_128 [RFC4868]\""),
        r.wiresharkRecord().orElseThrow());
    assertFalse(r.toString().contains(hex.formatHex(keys.skEi())));
  }

  @Test
  void gcmRecordNamesTheIcvAndChaChaHasNoWiresharkRecord() {
    DebugKeys gcm = run(TestSuite.AES_GCM_16_X25519, true)
        .only(RESPONDER, IkeOutput.KeysForDebug.class).keys();
    assertTrue(gcm.wiresharkRecord().orElseThrow()
        .contains(",\"AES-GCM-128 with 16 octet ICV [RFC5282]\",,,\"NONE [RFC4306]\""));
    DebugKeys chacha = run(TestSuite.CHACHA20_POLY1305_X25519, true)
        .only(RESPONDER, IkeOutput.KeysForDebug.class).keys();
    assertEquals(Optional.empty(), chacha.wiresharkRecord());
  }
}
