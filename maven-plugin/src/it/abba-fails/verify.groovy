// The test JVM wrote its own run directory, and check failed the build naming the rule and the key.
def runs = new File(basedir, 'target/lockwitness').listFiles()
        .findAll { new File(it, 'witness.json').isFile() }
assert runs.size() == 1 : "one run directory per test JVM, got ${runs}"
assert runs[0].name ==~ /\d+/ : "the run directory is named by the pid: ${runs[0].name}"
def log = new File(basedir, 'build.log').text
assert log =~ /argLine set to -XX:TieredStopAtLevel=1 -javaagent:\S+=report=\S+\{pid\}/ : 'the agent after the own argLine'
def finding = /LOCK_ORDER_REVERSAL LOCK_ORDER_REVERSAL\|lock=A \(sleep mutex\)\|lock=B \(sleep mutex\): /
def failures = log.findAll(/\[ERROR\] Failed to execute goal \S+:check \(default\) on project abba-fails: / + finding)
assert failures.size() == 1 : "the finding's line in the goal's failure, got ${failures.size()}"
assert !(log =~ /\[INFO\] / + finding) : 'the finding line is not logged as well: Maven prints the failure'
assert log.contains('lockwitness: FAILED: LOCK_ORDER_REVERSAL')
assert log.contains('BUILD FAILURE')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/lockwitness/lockwitness.sarif'))
assert sarif.runs[0].results*.ruleId == ['LOCK_ORDER_REVERSAL'] : 'check wrote the SARIF before failing'
true
