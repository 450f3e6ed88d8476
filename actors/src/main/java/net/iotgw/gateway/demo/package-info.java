/**
 * {@code gateway demo}: the whole system in one JVM (ARCHITECTURE, "Command line contract").
 *
 * <pre>
 *   DemoCommand ── DemoRun ─┬─ GatewayRig    gateway actor system + in-memory UCN port,
 *   (picocli)     (phases)  │                dongle emulator plugged in as mem:NAME, simulated
 *                           │                CDs powering up once the gateway's radio listens
 *                           ├─ UdActor[k]    one per simulated UD (simulators' SimulatedUd),
 *                           │                bounded mailbox, one Pekko timer
 *                           ├─ UcnTap        the gateway's UCN output routed to the UD actors
 *                           └─ ProgressLine, DemoSummary (PhaseResult per phase)
 * </pre>
 *
 * <p>The phases run one after the other (joins, handshakes, requests) so that what the radio
 * medium counts during a phase belongs to it. {@code load-tests join} stands on {@link
 * net.iotgw.gateway.demo.GatewayRig} too.
 */
package net.iotgw.gateway.demo;
