package net.iotgw.streams.lowpan;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enforcement point's table of admitted CDs (contract-netentry): the control plane installs a
 * CD's 802.15.4 key when its PANA session opens and removes it when the session ends; the
 * adaptation's stages read it for every frame. Per-packet work never goes through an actor
 * (ARCHITECTURE, "The streams"): this table is how the actors publish admission to the stream.
 *
 * <p>Each CD, by EUI-64, has an entry with the table's own copy of its key, the frame counter of
 * the next frame sent to it (0 for a new key) and the replay state of frames from it (fresh for a
 * new key). Replacing or removing an entry destroys (zeroes) its key. Only the outbound stage
 * advances the outgoing counter and only the inbound stage the replay state.
 *
 * <p>Thread-safe: a {@link ConcurrentHashMap} of per-device entries, each with its own lock, so
 * devices never wait for one another. Bounded by the number of devices the control plane installs;
 * nothing a frame carries adds an entry. Outlives materializations of the adaptation: a restarted
 * data plane must not start counters over under a key already used (CCM* nonce reuse). Key
 * material is never logged; entries print as {@code [redacted]}.
 */
public final class LinkKeyTable {
  private static final Logger log = LoggerFactory.getLogger(LinkKeyTable.class);

  private final ConcurrentHashMap<Long, LinkKeyEntry> entries = new ConcurrentHashMap<>();

  /**
   * Admits the CD {@code eui64} under {@code key}: from now on its non-PANA traffic must be secured
   * with it, and ours to it is. A different key than the one installed replaces it (destroyed),
   * with the outgoing counter at 0 and a fresh replay state. The key installed already is kept
   * with its counters: starting them again under the same key would reuse CCM* nonces.
   *
   * @param key copied; the caller keeps ownership of it and may destroy it at once
   */
  public void install(long eui64, LinkKey key) {
    Objects.requireNonNull(key, "key");
    LinkKeyEntry fresh = LinkKeyEntry.copyOf(eui64, key);
    LinkKeyEntry[] replaced = new LinkKeyEntry[1];
    LinkKeyEntry now =
        entries.compute(
            eui64,
            (k, old) -> {
              if (old != null && old.sameKeyAs(fresh)) {
                return old;
              }
              replaced[0] = old;
              return fresh;
            });
    if (now != fresh) {
      fresh.destroy();
      log.debug("link key of {} installed again: kept with its counters", now.device());
      return;
    }
    if (replaced[0] != null) {
      replaced[0].destroy();
      log.debug("link key of {} replaced: counters start again", fresh.device());
    } else {
      log.debug("link key of {} installed: admitted", fresh.device());
    }
  }

  /**
   * Revokes the CD {@code eui64}: its key is destroyed, and only its PANA passes from now on.
   *
   * @return whether it had a key
   */
  public boolean remove(long eui64) {
    LinkKeyEntry e = entries.remove(eui64);
    if (e == null) {
      return false;
    }
    e.destroy();
    log.debug("link key of {} removed", e.device());
    return true;
  }

  /** Removes every key (a gateway shutting down). */
  public void clear() {
    for (Long eui64 : entries.keySet()) {
      remove(eui64);
    }
  }

  /** Whether the CD {@code eui64} has a key installed. */
  public boolean isAdmitted(long eui64) {
    return entries.containsKey(eui64);
  }

  /** CDs with a key installed. */
  public int size() {
    return entries.size();
  }

  /** The entry of {@code device}, or null. */
  LinkKeyEntry find(Address device) {
    return device instanceof Address.Extended e ? entries.get(e.value()) : null;
  }

  @Override
  public String toString() {
    return "LinkKeyTable[" + entries.size() + " admitted]";
  }
}
