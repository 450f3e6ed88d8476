package net.iotgw.gateway.node;

import java.time.Duration;
import net.iotgw.gateway.device.Devices;
import net.iotgw.gateway.device.PanaOutlet;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The data plane's PANA port as the actors serve it: PANA packets from CDs are handed to {@link
 * Devices} by ask, a bounded number at a time (ARCHITECTURE: "ask, bounded parallelism"), so a
 * burst waits in the stream's buffers, which drop what does not fit, never in a mailbox; packets
 * the actors send go through the {@link PanaOutlet}'s bounded queue, attached afresh each time the
 * data plane starts.
 */
final class ControlPlanePort {
  /** PANA packets being routed at once; each ask completes in microseconds. */
  static final int PARALLELISM = 16;

  /** Control packets waiting for the radio. PANA retransmits what a full queue drops. */
  static final int OUTLET_CAPACITY = 256;

  static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private ControlPlanePort() {}

  static Flow<byte[], byte[], NotUsed> create(
      ActorRef<Devices.Command> devices, PanaOutlet outlet, ActorSystem<?> system) {
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> queue =
        Source.<byte[]>queue(OUTLET_CAPACITY).preMaterialize(system);
    outlet.attach(queue.first());
    Sink<byte[], NotUsed> toDevices =
        Flow.<byte[]>create()
            .mapAsyncUnordered(
                PARALLELISM,
                packet ->
                    AskPattern.<Devices.Command, Done>ask(
                            devices,
                            ack -> new Devices.FromRadio(packet, ack),
                            ASK_TIMEOUT,
                            system.scheduler())
                        // A lost answer loses one PANA packet, which the CD retransmits; it must
                        // not stop the data plane.
                        .exceptionally(e -> Done.getInstance()))
            .to(Sink.ignore());
    return Flow.fromSinkAndSource(toDevices, queue.second());
  }
}
