package org.netstudio.engine.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DjlSetupTest {

    @Test
    void keepsDjlOfflineWithoutTrackingAndOpenMpPassive() {
        DjlSetup.beforeEngineLoads();
        boolean tracking = System.getenv("OPT_OUT_TRACKING") != null || "true".equals(System.getProperty("OPT_OUT_TRACKING"));
        boolean offline = System.getenv("DJL_OFFLINE") != null || "true".equals(System.getProperty("ai.djl.offline"));
        assertThat(tracking).isTrue();
        assertThat(offline).isTrue();
        String policy = System.getenv("OMP_WAIT_POLICY");
        assertThat(DjlSetup.nativeEnvironment("OMP_WAIT_POLICY")).isEqualTo(policy != null ? policy : "PASSIVE");
    }
}
