package net.iotgw.load.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeapHistogramTest {
  /** As JDK 17's {@code jcmd PID GC.class_histogram} prints it. */
  private static final String BEFORE = """
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         12000         960000  [B (java.base@17.0.15)
         2:          3000          72000  java.lang.String (java.base@17.0.15)
         3:            10            320  net.iotgw.gateway.ike.IkeSaActor
      Total         15010        1032320
      """;

  private static final String AFTER = """
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         22000        1760000  [B (java.base@17.0.15)
         2:          2990          71760  java.lang.String (java.base@17.0.15)
         3:           110           3520  net.iotgw.gateway.ike.IkeSaActor
         4:             5            200  org.apache.pekko.actor.ActorCell$$Lambda$42/0x0000000800c1a000
      Total         25105        1835480
      """;

  @Test
  void readsTheTotalAndEveryClassLineOfJcmdsHistogram() {
    HeapHistogram h = HeapHistogram.parse(AFTER);

    assertEquals(1835480, h.bytes());
    assertEquals(25105, h.instances());
    assertEquals(new HeapHistogram.Entry("[B", 22000, 1760000), h.byClass().get("[B"));
    assertEquals(200, h.byClass()
        .get("org.apache.pekko.actor.ActorCell$$Lambda$42/0x0000000800c1a000").bytes());
  }

  @Test
  void growthListsTheClassesThatGrewLargestFirstWithoutTheOnesThatShrank() {
    List<HeapHistogram.Entry> grown =
        HeapHistogram.parse(AFTER).growthSince(HeapHistogram.parse(BEFORE), 2);

    assertEquals(List.of(new HeapHistogram.Entry("[B", 10000, 800000),
        new HeapHistogram.Entry("net.iotgw.gateway.ike.IkeSaActor", 100, 3200)), grown);
  }

  @Test
  void changeByGroupAddsUpToTheChangeOfTheTotalCountingVanishedClasses() {
    HeapHistogram before = HeapHistogram.parse(AFTER);
    HeapHistogram after = HeapHistogram.parse(BEFORE);

    java.util.Map<String, Long> change = after.changeByGroup(before, HeapOwner::of);

    assertEquals(java.util.Map.of(HeapOwner.BYTES, -800000L, HeapOwner.JDK, 240L,
        HeapOwner.OURS, -3200L, HeapOwner.PEKKO, -200L), change);
    assertEquals(after.bytes() - before.bytes(),
        change.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void ownersOfArraysAreTheirElementsOwners() {
    assertEquals(HeapOwner.OURS, HeapOwner.of("[Lnet.iotgw.protocols.ike.engine.ChildSa;"));
    assertEquals(HeapOwner.PEKKO, HeapOwner.of("[[Lscala.collection.immutable.Map;"));
    assertEquals(HeapOwner.BYTES, HeapOwner.of("[B"));
    assertEquals(HeapOwner.JDK, HeapOwner.of("[J"));
  }

  @Test
  void textWithoutATotalLineIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> HeapHistogram.parse("no histogram\n"));
  }

  @Test
  void thisJvmsLiveHeapIsReadThroughTheDiagnosticCommand() {
    HeapHistogram h = HeapHistogram.ofLiveObjects();

    assertEquals(h.bytes(), h.byClass().values().stream()
        .mapToLong(HeapHistogram.Entry::bytes).sum());
  }
}
