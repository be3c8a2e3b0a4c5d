package org.lockwitness.jcip;

import java.util.HashSet;
import java.util.Set;

/**
 * JCIP's CooperatingDeadlock: synchronized methods of two classes call each other (an alien call
 * under a lock); with the argument {@code open}, the open-call version of CooperatingNoDeadlock.
 */
public final class CooperatingDeadlock {

    private static boolean open;

    static final class Taxi {
        private final Dispatcher dispatcher;
        private int location;
        private final int destination = 5;

        Taxi(Dispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        synchronized int getLocation() {
            return location; // SITE:getLocation
        }

        void setLocation(int location) {
            if (open) {
                boolean reached;
                synchronized (this) {
                    this.location = location;
                    reached = location == destination;
                }
                if (reached) {
                    dispatcher.notifyAvailable(this);
                }
            } else {
                setLocationClosed(location);
            }
        }

        private synchronized void setLocationClosed(int location) {
            this.location = location;
            if (location == destination) {
                dispatcher.notifyAvailable(this); // SITE:notify
            }
        }
    }

    static final class Dispatcher {
        private final Set<Taxi> taxis = new HashSet<>();
        private final Set<Taxi> available = new HashSet<>();

        synchronized void add(Taxi t) {
            taxis.add(t);
        }

        synchronized void notifyAvailable(Taxi taxi) {
            available.add(taxi); // SITE:notifyAvailable
        }

        int getImage() {
            if (open) {
                Set<Taxi> copy;
                synchronized (this) {
                    copy = new HashSet<>(taxis);
                }
                int sum = 0;
                for (Taxi t : copy) {
                    sum += t.getLocation();
                }
                return sum;
            }
            return getImageClosed();
        }

        private synchronized int getImageClosed() {
            int sum = 0;
            for (Taxi t : taxis) {
                sum += t.getLocation(); // SITE:image
            }
            return sum;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        open = args.length > 0 && args[0].equals("open");
        Dispatcher d = new Dispatcher();
        Taxi taxi = new Taxi(d);
        d.add(taxi);
        int[] image = new int[1];
        Drivers.inTurn(() -> taxi.setLocation(5), () -> image[0] = d.getImage());
        System.out.println("image " + image[0]);
    }
}
