// Two test JVMs, one order each: neither run alone has a reversal; the merged check finds it across runs.
import groovy.json.JsonSlurper

def runs = new File(basedir, 'target/lockwitness').listFiles()
        .findAll { new File(it, 'witness.json').isFile() }
assert runs.size() == 2 : "two Surefire executions, two JVMs, two run directories: ${runs}"
runs.each { run ->
    def report = new JsonSlurper().parse(new File(run, 'witness.json'))
    assert !report.findings.any { it.rule == 'LOCK_ORDER_REVERSAL' } : "${run.name} alone has no reversal"
}
def log = new File(basedir, 'build.log').text
assert log =~ /LOCK_ORDER_REVERSAL LOCK_ORDER_REVERSAL\|lock=A \(sleep mutex\)\|lock=B \(sleep mutex\): lock order reversal across runs: /
assert log.contains('lockwitness: FAILED: LOCK_ORDER_REVERSAL')
assert log.contains('BUILD FAILURE')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/lockwitness/lockwitness.sarif'))
assert sarif.runs[0].results*.ruleId == ['LOCK_ORDER_REVERSAL'] : 'check wrote the SARIF before failing'
true
