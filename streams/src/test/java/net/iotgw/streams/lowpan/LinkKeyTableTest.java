package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ieee802154.security.FrameProtection;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ieee802154.security.PeerKey;
import net.iotgw.protocols.ieee802154.security.ReplayState;
import net.iotgw.protocols.ieee802154.security.Unprotected;
import org.junit.jupiter.api.Test;

class LinkKeyTableTest {
  static final long CD = Nodes.CD_EUI64;
  static final Address.Extended GW = new Address.Extended(Nodes.GW_EUI64);
  static final SecurityLevel LEVEL = SecurityLevel.ENC_MIC_64;

  private final LinkKeyTable table = new LinkKeyTable();

  static MacFrame toCd() {
    MacHeader h =
        MacHeader.data(FrameVersion.IEEE_2006, 1, Nodes.PAN, new Address.Extended(CD), GW, true);
    return new MacFrame(h, new byte[] {0x7a, 0x33, 0x3a});
  }

  /** Seals a frame to the CD with the table's entry; the frame, or the refusal. */
  LinkKeyEntry.Sealing seal() {
    return table.find(new Address.Extended(CD)).seal(toCd(), GW, LEVEL);
  }

  static boolean verifiesUnder(MacFrame secured, LinkKey key) {
    Unprotected u =
        FrameProtection.unprotect(
            secured, LEVEL, h -> Optional.of(new PeerKey(GW, key, ReplayState.fresh())));
    return u instanceof Unprotected.Accepted;
  }

  @Test
  void installAdmitsAndRemoveRevokes() {
    assertFalse(table.isAdmitted(CD));
    table.install(CD, SecuringCd.key(1));
    table.install(0x42, SecuringCd.key(2));
    assertTrue(table.isAdmitted(CD));
    assertEquals(2, table.size());
    assertTrue(table.remove(CD));
    assertFalse(table.remove(CD));
    assertFalse(table.isAdmitted(CD));
    assertNull(table.find(new Address.Extended(CD)));
    assertNull(table.find(new Address.Short(1)), "keys are per EUI-64");
    table.clear();
    assertEquals(0, table.size());
  }

  @Test
  void theTableKeepsItsOwnCopyOfTheKey() {
    LinkKey key = SecuringCd.key(7);
    table.install(CD, key);
    key.destroy(); // the caller's copy
    LinkKeyEntry.Sealed s = assertInstanceOf(LinkKeyEntry.Sealed.class, seal());
    assertTrue(verifiesUnder(s.frame(), SecuringCd.key(7)));
  }

  @Test
  void aNewKeyStartsAtCounterZeroAndTheReplacedKeyIsDestroyed() {
    table.install(CD, SecuringCd.key(1));
    seal();
    seal();
    LinkKeyEntry old = table.find(new Address.Extended(CD));
    assertEquals(2, old.nextOutgoingCounter());

    table.install(CD, SecuringCd.key(2));
    LinkKeyEntry fresh = table.find(new Address.Extended(CD));
    assertEquals(0, fresh.nextOutgoingCounter());
    LinkKeyEntry.Sealed s = assertInstanceOf(LinkKeyEntry.Sealed.class, seal());
    assertTrue(verifiesUnder(s.frame(), SecuringCd.key(2)));
    // A stage still holding the old entry can no longer use it.
    LinkKeyEntry.Refused r =
        assertInstanceOf(LinkKeyEntry.Refused.class, old.seal(toCd(), GW, LEVEL));
    assertEquals(LowpanDrop.NOT_ADMITTED, r.reason());
    Unprotected u = old.open(s.frame(), LEVEL);
    assertEquals(
        Unprotected.Reason.UNKNOWN_DEVICE,
        assertInstanceOf(Unprotected.Rejected.class, u).reason());
  }

  @Test
  void theSameKeyInstalledAgainKeepsItsCountersSoNoNonceIsReused() {
    table.install(CD, SecuringCd.key(1));
    seal();
    LinkKeyEntry entry = table.find(new Address.Extended(CD));
    table.install(CD, SecuringCd.key(1));
    assertSame(entry, table.find(new Address.Extended(CD)));
    assertEquals(1, entry.nextOutgoingCounter());
  }

  @Test
  void removalDestroysTheKey() {
    table.install(CD, SecuringCd.key(1));
    LinkKeyEntry entry = table.find(new Address.Extended(CD));
    table.remove(CD);
    assertInstanceOf(LinkKeyEntry.Refused.class, entry.seal(toCd(), GW, LEVEL));
  }

  @Test
  void keyMaterialNeverShowsInText() {
    table.install(CD, SecuringCd.key(0xab));
    String key = HexFormat.of().formatHex(SecuringCd.key(0xab).bytes());
    String text = table + " " + table.find(new Address.Extended(CD));
    assertFalse(text.contains(key), text);
    assertFalse(text.toLowerCase().contains("abab"), text);
    assertTrue(text.contains("redacted"), text);
  }

  @Test
  void keysChangingUnderTrafficNeverBreakASealingStage() throws Exception {
    table.install(CD, SecuringCd.key(1));
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<int[]> stage =
          pool.submit(
              () -> {
                int[] outcomes = new int[2];
                while (!done.get()) {
                  LinkKeyEntry e = table.find(new Address.Extended(CD));
                  if (e == null) {
                    continue;
                  }
                  LinkKeyEntry.Sealing s = e.seal(toCd(), GW, LEVEL);
                  if (s instanceof LinkKeyEntry.Sealed sealed) {
                    boolean ok =
                        verifiesUnder(sealed.frame(), SecuringCd.key(1))
                            || verifiesUnder(sealed.frame(), SecuringCd.key(2));
                    if (!ok) {
                      throw new AssertionError("sealed under a destroyed or torn key");
                    }
                    outcomes[0]++;
                  } else {
                    outcomes[1]++;
                  }
                }
                return outcomes;
              });
      Future<?> controlPlane =
          pool.submit(
              () -> {
                for (int i = 0; i < 2_000; i++) {
                  table.install(CD, SecuringCd.key(1 + (i & 1)));
                  if (i % 3 == 0) {
                    table.remove(CD);
                  }
                }
              });
      controlPlane.get(30, TimeUnit.SECONDS);
      done.set(true);
      int[] outcomes = stage.get(30, TimeUnit.SECONDS);
      assertTrue(outcomes[0] > 0, "some frames were sealed");
    } finally {
      pool.shutdownNow();
    }
  }
}
