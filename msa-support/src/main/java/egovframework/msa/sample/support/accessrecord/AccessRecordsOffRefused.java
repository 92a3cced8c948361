package egovframework.msa.sample.support.accessrecord;

/**
 * Access records switched off outside a local run: the service refuses to start, in one line
 * (StartupFailureReporter). Only the benchmark's comparison of their cost turns them off, and only locally.
 */
public final class AccessRecordsOffRefused extends IllegalStateException {

    AccessRecordsOffRefused() {
        super("Refusing to start: access records are off (suite.access-records.enabled=false, ACCESS_RECORDS_ENABLED),"
                + " which only a local run may do (profile " + AccessRecordsAutoConfiguration.LOCAL_PROFILE + "):"
                + " every access to personal data must be recorded (개인정보의 안전성 확보조치 기준 제8조)");
    }
}
