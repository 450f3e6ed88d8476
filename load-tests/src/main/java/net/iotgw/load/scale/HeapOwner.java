package net.iotgw.load.scale;

/**
 * Who a class of the heap histogram belongs to, coarsely, so that a per-SA figure splits into
 * what our code holds, what the actor runtime costs per actor, and the JDK objects and byte
 * arrays that both hold (a histogram cannot say who holds an array).
 */
final class HeapOwner {
  static final String BYTES = "byte[] (keys, nonces, kept messages, addresses, text)";
  static final String OURS = "net.iotgw objects (engine state, records, actors)";
  static final String PEKKO = "Pekko and Scala (actor cells, behaviors, mailboxes, timers)";
  static final String BOUNCY_CASTLE = "BouncyCastle";
  static final String JDK = "other JDK objects (collections, strings, boxes, InetAddress, LongAdder)";

  private HeapOwner() {}

  /** The owner of a histogram class name ({@code [B}, {@code [Lnet.iotgw.X;}, {@code a.b.C}). */
  static String of(String className) {
    if (className.equals("[B")) {
      return BYTES;
    }
    String element = className.replaceFirst("^\\[+L", "");
    if (element.startsWith("net.iotgw.")) {
      return OURS;
    }
    if (element.startsWith("org.apache.pekko.") || element.startsWith("scala.")) {
      return PEKKO;
    }
    if (element.startsWith("org.bouncycastle.")) {
      return BOUNCY_CASTLE;
    }
    return JDK;
  }
}
