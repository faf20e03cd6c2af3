/** How text from files is shown in messages; depends on nothing else in netgraph. */
package org.netstudio.netgraph.text;
