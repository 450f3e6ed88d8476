package net.iotgw.protocols.sixlowpan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The 16 contexts a 6LoWPAN interface shares with its nodes (RFC 6282 §3.1.2). Immutable; {@link
 * #with} and {@link #without} return a new table, so a stream stage can read one while the control
 * plane publishes the next.
 */
public final class ContextTable {
  public static final ContextTable EMPTY = new ContextTable(new Context[16]);

  private final Context[] byId;

  private ContextTable(Context[] byId) {
    this.byId = byId;
  }

  public static ContextTable of(Context... contexts) {
    ContextTable t = EMPTY;
    for (Context c : contexts) {
      t = t.with(c);
    }
    return t;
  }

  /** This table with {@code context} in its slot, replacing any context of the same id. */
  public ContextTable with(Context context) {
    Context[] next = byId.clone();
    next[context.id()] = context;
    return new ContextTable(next);
  }

  public ContextTable without(int id) {
    Context[] next = byId.clone();
    next[id] = null;
    return new ContextTable(next);
  }

  /** The context a header names; empty for an id outside 0..15 or not configured. */
  public Optional<Context> get(int id) {
    return id >= 0 && id < 16 ? Optional.ofNullable(byId[id]) : Optional.empty();
  }

  /** The contexts the compressor may use, by increasing id. */
  public List<Context> forCompression() {
    List<Context> out = new ArrayList<>();
    for (Context c : byId) {
      if (c != null && c.compression()) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContextTable t && Arrays.equals(byId, t.byId);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(byId);
  }

  @Override
  public String toString() {
    List<Context> all = new ArrayList<>();
    for (Context c : byId) {
      if (c != null) {
        all.add(c);
      }
    }
    return "ContextTable" + all;
  }
}
