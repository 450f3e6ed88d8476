package net.iotgw.radio.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The radio device forms a config file names, as {@link LinkAddress#parse} reads them. */
class LinkAddressTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void memNameIsAnInProcessDongleAndPrintsBackTheSame() {
    LinkAddress a = LinkAddress.parse("mem:demo-radio");
    assertEquals(new LinkAddress.InProcess("demo-radio"), a);
    assertEquals("mem:demo-radio", a.toString());
  }

  @Test
  void tcpAndSerialFormsAreUnchanged() {
    assertEquals(new LinkAddress.TcpEndpoint("127.0.0.1", 9000),
        LinkAddress.parse("tcp:127.0.0.1:9000"));
    assertEquals(new LinkAddress.TcpEndpoint("::1", 9000), LinkAddress.parse("tcp:[::1]:9000"));
    assertEquals(new LinkAddress.SerialDevice("/dev/ttyACM0"), LinkAddress.parse("/dev/ttyACM0"));
  }

  @Test
  void memWithoutANameIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> LinkAddress.parse("mem:"));
  }

  @Test
  void openingAnInProcessPortWhereNothingIsPluggedInFailsTheMaterializedStage() {
    CompletableFuture<Done> opened = Source.<ByteString>never()
        .viaMat(SerialLink.open(new LinkAddress.InProcess("nobody-" + System.nanoTime()),
            KIT.system()), Keep.right())
        .to(Sink.ignore())
        .run(KIT.system())
        .toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> opened.get(5, TimeUnit.SECONDS));
    assertEquals(IOException.class, e.getCause().getClass());
  }
}
