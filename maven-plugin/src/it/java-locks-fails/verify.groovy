// A plain Java project: the plugin checks the Java locks of the project's own packages, and check fails the
// build naming the ReentrantLock reversal of its main code.
def runs = new File(basedir, 'target/lockwitness').listFiles()
        .findAll { new File(it, 'witness.json').isFile() }
assert runs.size() == 1 : "one run directory per test JVM, got ${runs}"
def log = new File(basedir, 'build.log').text
assert log =~ /argLine set to -XX:TieredStopAtLevel=1 -javaagent:\S+=report=\S+\{pid\},javaInclude=com\.example\.ledger\.\*(\s|$)/ : 'the project\'s own package'
def json = new groovy.json.JsonSlurper().parse(new File(runs[0], 'witness.json'))
def lor = json.findings.findAll { it.rule == 'LOCK_ORDER_REVERSAL' }
assert lor.size() == 1 : "one reversal: ${json.findings}"
assert lor[0].locks.toSet() == ['com.example.ledger.Ledger.savings', 'com.example.ledger.Ledger.checking'] as Set
assert lor[0].sites.any { it.startsWith('Ledger.java:') }
assert log.contains('com.example.ledger.Ledger.savings') && log.contains('com.example.ledger.Ledger.checking') : 'check names the two locks'
assert log.contains('lockwitness: FAILED: LOCK_ORDER_REVERSAL')
assert log.contains('BUILD FAILURE')
true
