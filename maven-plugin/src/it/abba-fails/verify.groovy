// The test JVM wrote its own run directory, and check failed the build naming the rule and the key.
def runs = new File(basedir, 'target/lockwitness').listFiles()
        .findAll { new File(it, 'witness.json').isFile() }
assert runs.size() == 1 : "one run directory per test JVM, got ${runs}"
assert runs[0].name ==~ /\d+/ : "the run directory is named by the pid: ${runs[0].name}"
def log = new File(basedir, 'build.log').text
assert log =~ /argLine set to -XX:TieredStopAtLevel=1 -javaagent:\S+=report=\S+\{pid\}/ : 'the agent after the own argLine'
def findingLines = log.findAll(/LOCK_ORDER_REVERSAL LOCK_ORDER_REVERSAL\|lock=A \(sleep mutex\)\|lock=B \(sleep mutex\): /)
assert findingLines.size() == 1 : "the finding's line once (in the failure), got ${findingLines.size()}"
assert log.contains('lockwitness: FAILED: LOCK_ORDER_REVERSAL')
assert log.contains('BUILD FAILURE')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/lockwitness/lockwitness.sarif'))
assert sarif.runs[0].results*.ruleId == ['LOCK_ORDER_REVERSAL'] : 'check wrote the SARIF before failing'
true
