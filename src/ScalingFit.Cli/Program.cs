Console.WriteLine("scalingfit");
