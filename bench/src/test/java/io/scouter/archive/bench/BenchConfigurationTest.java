package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import io.scouter.archive.api.config.ScouterArchiveConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchConfigurationTest {
  private static final String DATABASE = "postgresql://bench:secret@127.0.0.1:5432/bench";

  @Test
  void withNoStorageVariablesSetTheConfigurationIsValid() {
    ScouterArchiveConfiguration configuration = BenchConfiguration.build(DATABASE, "/tmp/bench-warehouse", Map.of());
    assertThat(Validators.newValidator().validate(configuration)).isEmpty();
    assertThat(configuration.storage().getAwsRegion()).isEqualTo(new ScouterArchiveConfiguration().storage()
        .getAwsRegion());
  }

  @Test
  void storageVariablesThatAreSetReachTheConfiguration() {
    ScouterArchiveConfiguration configuration = BenchConfiguration.build(DATABASE, "s3://bucket/wh",
        Map.of("AWS_REGION", "eu-west-3", "SCOUTER_S3_ENDPOINT", "http://127.0.0.1:9000",
            "SCOUTER_S3_PATH_STYLE", "true"));
    assertThat(Validators.newValidator().validate(configuration)).isEmpty();
    assertThat(configuration.storage().getAwsRegion()).isEqualTo("eu-west-3");
    assertThat(configuration.storage().getS3Endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(configuration.storage().isS3PathStyle()).isTrue();
  }
}
