package net.iotgw.load.scale;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live objects of this JVM's heap by class, as {@code jcmd <pid> GC.class_histogram} prints
 * them, taken from inside through the same diagnostic command (the {@code DiagnosticCommand}
 * MBean's {@code gcClassHistogram}): HotSpot runs a full collection first, so only reachable
 * objects are counted, and every byte is an object's own shallow size (no free space, no
 * fragmentation, unlike the MemoryMXBean's used heap).
 *
 * @param byClass each class's instances and bytes, by the histogram's class name (arrays as the
 *     JVM names them: {@code [B} for byte[])
 */
public record HeapHistogram(Map<String, Entry> byClass, long instances, long bytes) {

  /** One class's line. */
  public record Entry(String className, long instances, long bytes) {}

  /** {@code num: instances bytes class-name (module)}. */
  private static final Pattern LINE =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");

  private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

  public HeapHistogram {
    byClass = Map.copyOf(byClass);
  }

  /** A histogram of the live objects now (a full GC first): what {@code jcmd} would print. */
  public static HeapHistogram ofLiveObjects() {
    return parse(liveObjectsText());
  }

  /**
   * The text of {@code GC.class_histogram} now: kept as text (or in a file) by whoever takes
   * several, so that earlier histograms do not weigh in later ones.
   */
  public static String liveObjectsText() {
    try {
      return (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException("GC.class_histogram is not available in this JVM", e);
    }
  }

  /** Reads the text of {@code GC.class_histogram}; the Total line must be there. */
  public static HeapHistogram parse(String text) {
    Map<String, Entry> byClass = new HashMap<>();
    long instances = -1;
    long bytes = -1;
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        // A class loaded by two loaders appears twice under one name: one entry, summed.
        byClass.merge(m.group(3),
            new Entry(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
            (a, b) -> new Entry(a.className(), a.instances() + b.instances(),
                a.bytes() + b.bytes()));
        continue;
      }
      Matcher t = TOTAL.matcher(line);
      if (t.matches()) {
        instances = Long.parseLong(t.group(1));
        bytes = Long.parseLong(t.group(2));
      }
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("not a class histogram: no Total line");
    }
    return new HeapHistogram(byClass, instances, bytes);
  }

  /**
   * What grew from {@code before} to this one, largest growth in bytes first: the classes that
   * make up what was added between the two (negative growth is left out).
   */
  public List<Entry> growthSince(HeapHistogram before, int top) {
    List<Entry> grown = new ArrayList<>();
    for (Entry now : byClass.values()) {
      Entry then = before.byClass.get(now.className());
      long bytes = now.bytes() - (then == null ? 0 : then.bytes());
      long count = now.instances() - (then == null ? 0 : then.instances());
      if (bytes > 0) {
        grown.add(new Entry(now.className(), count, bytes));
      }
    }
    grown.sort(Comparator.comparingLong(Entry::bytes).reversed()
        .thenComparing(Entry::className));
    return List.copyOf(grown.subList(0, Math.min(top, grown.size())));
  }

  /**
   * The net change in bytes from {@code before} to this one, summed by {@code group} of the class
   * name; the groups add up to the change of the total.
   */
  public Map<String, Long> changeByGroup(HeapHistogram before,
      java.util.function.Function<String, String> group) {
    Map<String, Long> change = new java.util.TreeMap<>();
    for (Entry now : byClass.values()) {
      Entry then = before.byClass.get(now.className());
      change.merge(group.apply(now.className()), now.bytes() - (then == null ? 0 : then.bytes()),
          Long::sum);
    }
    for (Entry then : before.byClass.values()) {
      if (!byClass.containsKey(then.className())) {
        change.merge(group.apply(then.className()), -then.bytes(), Long::sum);
      }
    }
    return change;
  }
}
