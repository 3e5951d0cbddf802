"""A task-scheduler simulation: method calls, attribute access on small
objects and polymorphic dispatch, the code shape of Richards.

Producer, worker and device tasks pass packets through per-task queues; a
round-robin scheduler with priorities runs whichever task is ready, and
tasks block, wake and hand packets to each other.  The output is a count
of the work each kind of task did, which any correct interpreter
reproduces exactly.
"""
import sys


class Packet:
    __slots__ = ("owner", "value", "hops")

    def __init__(self, owner, value):
        self.owner = owner
        self.value = value
        self.hops = 0


class Task:
    def __init__(self, scheduler, name, priority):
        self.scheduler = scheduler
        self.name = name
        self.priority = priority
        self.inbox = []
        self.blocked = False
        self.work_done = 0

    def ready(self):
        return not self.blocked and bool(self.inbox)

    def receive(self, packet):
        packet.hops += 1
        self.inbox.append(packet)
        self.blocked = False

    def step(self):
        raise NotImplementedError


class Producer(Task):
    def __init__(self, scheduler, name, priority, targets, budget):
        super().__init__(scheduler, name, priority)
        self.targets = targets
        self.budget = budget
        self.counter = 0

    def ready(self):
        return self.budget > 0

    def step(self):
        self.budget -= 1
        self.counter = (self.counter * 31 + 7) % 1009
        target = self.targets[self.counter % len(self.targets)]
        self.scheduler.send(target, Packet(self.name, self.counter))
        self.work_done += 1


class Worker(Task):
    def __init__(self, scheduler, name, priority, device):
        super().__init__(scheduler, name, priority)
        self.device = device
        self.total = 0

    def step(self):
        packet = self.inbox.pop(0)
        self.total = (self.total + packet.value * (packet.hops + 1)) % 1000003
        packet.value = (packet.value * 3 + 1) % 1009
        self.work_done += 1
        if packet.value % 3:
            self.scheduler.send(self.device, packet)
        if len(self.inbox) > 8:
            self.blocked = True
            self.scheduler.wake_later(self)


class Device(Task):
    def __init__(self, scheduler, name, priority, back):
        super().__init__(scheduler, name, priority)
        self.back = back
        self.checksum = 0

    def step(self):
        packet = self.inbox.pop(0)
        self.checksum = (self.checksum ^ (packet.value << (packet.hops % 7))) & 0xFFFF
        self.work_done += 1
        if packet.hops < 6:
            self.scheduler.send(self.back, packet)


class Scheduler:
    def __init__(self):
        self.tasks = {}
        self.order = []
        self.sleeping = []
        self.switches = 0

    def add(self, task):
        self.tasks[task.name] = task
        self.order.append(task)
        self.order.sort(key=lambda t: -t.priority)

    def send(self, name, packet):
        self.tasks[name].receive(packet)

    def wake_later(self, task):
        self.sleeping.append(task)

    def run(self):
        while True:
            for task in self.order:
                if task.ready():
                    task.step()
                    self.switches += 1
                    break
            else:
                if not self.sleeping:
                    return
                for task in self.sleeping:
                    task.blocked = False
                self.sleeping.clear()


def simulate(budget):
    s = Scheduler()
    s.add(Producer(s, "producer", 1, ["worker-a", "worker-b"], budget))
    s.add(Worker(s, "worker-a", 5, "device-a"))
    s.add(Worker(s, "worker-b", 5, "device-b"))
    s.add(Device(s, "device-a", 9, "worker-b"))
    s.add(Device(s, "device-b", 9, "worker-a"))
    s.run()
    return s


def main(rounds):
    for i in range(rounds):
        s = simulate(2000 + 13 * i)
        done = " ".join("%s=%d" % (t.name, t.work_done) for t in s.order)
        print(i, s.switches, s.tasks["worker-a"].total, s.tasks["device-b"].checksum, done)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
