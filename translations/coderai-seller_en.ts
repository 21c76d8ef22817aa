<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>SessionText</name>
    <message numerus="yes">
        <location filename="../src/gui/sessiontext.cpp" line="+18"/>
        <source>Online, serving %n request(s)</source>
        <translation>
            <numerusform>Online, serving %n request</numerusform>
            <numerusform>Online, serving %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Finishing %n request(s)…</source>
        <translation>
            <numerusform>Finishing %n request…</numerusform>
            <numerusform>Finishing %n requests…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::BrokerSession</name>
    <message numerus="yes">
        <location filename="../src/core/broker/sessionfailures.cpp" line="+24"/>
        <source>The broker did not answer within %n second(s).</source>
        <translation>
            <numerusform>The broker did not answer within %n second.</numerusform>
            <numerusform>The broker did not answer within %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>The broker stopped answering (no frame or pong for %n second(s)).</source>
        <translation>
            <numerusform>The broker stopped answering (no frame or pong for %n second).</numerusform>
            <numerusform>The broker stopped answering (no frame or pong for %n seconds).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::ConnectionTester</name>
    <message numerus="yes">
        <location filename="../src/gui/connectiontester.cpp" line="+83"/>
        <source>No answer: the broker at %1 did not accept this seller within %n second(s). Check the broker URL, and that nothing between here and AISBF holds the connection.</source>
        <translation>
            <numerusform>No answer: the broker at %1 did not accept this seller within %n second. Check the broker URL, and that nothing between here and AISBF holds the connection.</numerusform>
            <numerusform>No answer: the broker at %1 did not accept this seller within %n seconds. Check the broker URL, and that nothing between here and AISBF holds the connection.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::SettingsDialog</name>
    <message numerus="yes">
        <location filename="../src/gui/settingslocal.cpp" line="+64"/>
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Found %n server(s). Click one to use it:</source>
        <translation>
            <numerusform>Found %n server. Click it to use it:</numerusform>
            <numerusform>Found %n servers. Click one to use it:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+52"/>
        <source>The local server offers %n model(s). </source>
        <translation>
            <numerusform>The local server offers %n model. </numerusform>
            <numerusform>The local server offers %n models. </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Only the %n checked model(s) are offered.</source>
        <translation>
            <numerusform>Only the %n checked model is offered.</numerusform>
            <numerusform>Only the %n checked models are offered.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::StatusWindow</name>
    <message numerus="yes">
        <location filename="../src/gui/statuswindow.cpp" line="+180"/>
        <source>%n logical core(s)</source>
        <translation>
            <numerusform>%n logical core</numerusform>
            <numerusform>%n logical cores</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::TrayController</name>
    <message numerus="yes">
        <location filename="../src/gui/traycontroller.cpp" line="+115"/>
        <source>Today: %Ln request(s), %1 tokens</source>
        <translation>
            <numerusform>Today: %Ln request, %1 tokens</numerusform>
            <numerusform>Today: %Ln requests, %1 tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::TrayMenu</name>
    <message numerus="yes">
        <location filename="../src/gui/traymenu.cpp" line="+58"/>
        <source>Finishing %n request(s)…</source>
        <translation>
            <numerusform>Finishing %n request…</numerusform>
            <numerusform>Finishing %n requests…</numerusform>
        </translation>
    </message>
</context>
</TS>
