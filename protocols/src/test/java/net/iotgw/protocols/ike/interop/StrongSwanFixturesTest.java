package net.iotgw.protocols.ike.interop;

import java.util.List;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Our IKEv2 and ESP code against every committed real strongSwan exchange. */
class StrongSwanFixturesTest {

  static final List<String> SUITES = StrongSwanFixture.SUITES;

  @ParameterizedTest
  @FieldSource("SUITES")
  void ourCodeReproducesTheRealExchange(String suite) {
    System.out.println(StrongSwanExchangeCheck.verify(StrongSwanFixture.load(suite)));
  }
}
